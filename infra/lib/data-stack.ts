import {
  CfnResource,
  Duration,
  RemovalPolicy,
  SecretValue,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { POSTGRES_PORT, REDIS_PORT } from './network-stack';

export interface DataStackProps extends StackProps {
  vpc: ec2.IVpc;
  databaseSecurityGroup: ec2.ISecurityGroup;
  cacheSecurityGroup: ec2.ISecurityGroup;
  databaseInstanceType: string;
  cacheNodeType: string;
  /** The secret names the app secret holds as JSON keys (provider keys, token keys). */
  appSecretKeys: string[];
}

export const DATABASE_NAME = 'newsroom';
export const DATABASE_USER = 'newsroom';
export const DATABASE_INSTANCE_ID = 'newsroom';

/**
 * Everything that must outlive a redeploy of the service: PostgreSQL (the system of record), the
 * Redis cache, the image repository and the secrets operators fill in. Kept apart from the
 * stateless service so that replacing or deleting the service can never touch the data.
 */
export class DataStack extends Stack {
  readonly database: rds.DatabaseInstance;
  readonly databaseSecret: secretsmanager.ISecret;
  readonly credentialsSecret: secretsmanager.ISecret;
  readonly cache: elasticache.CfnReplicationGroup;
  readonly cacheAuthToken: secretsmanager.Secret;
  readonly appSecret: secretsmanager.Secret;
  readonly repository: ecr.Repository;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const dataSubnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    const databaseLogs = new logs.LogGroup(this, 'DatabaseLogs', {
      logGroupName: `/aws/rds/instance/${DATABASE_INSTANCE_ID}/postgresql`,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Retained with the instance: a database whose password is gone is as good as lost.
    const credentials = new rds.DatabaseSecret(this, 'DatabaseCredentials', {
      username: DATABASE_USER,
      secretName: 'newsroom/database',
    });
    credentials.applyRemovalPolicy(RemovalPolicy.RETAIN);

    this.database = new rds.DatabaseInstance(this, 'Database', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      instanceType: new ec2.InstanceType(props.databaseInstanceType),
      vpc: props.vpc,
      vpcSubnets: dataSubnets,
      securityGroups: [props.databaseSecurityGroup],
      port: POSTGRES_PORT,
      databaseName: DATABASE_NAME,
      credentials: rds.Credentials.fromSecret(credentials),
      multiAz: true,
      storageEncrypted: true,
      storageType: rds.StorageType.GP3,
      allocatedStorage: 20,
      maxAllocatedStorage: 200,
      backupRetention: Duration.days(14),
      preferredBackupWindow: '02:00-02:30',
      preferredMaintenanceWindow: 'sun:03:00-sun:04:00',
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      deletionProtection: true,
      publiclyAccessible: false,
      // A fixed identifier lets the log group below exist first, with a retention, before RDS
      // would create it without one.
      instanceIdentifier: DATABASE_INSTANCE_ID,
      cloudwatchLogsExports: ['postgresql'],
      // The system of record: a stack delete or a replacement leaves the instance in place.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.database.node.defaultChild as CfnResource).addResourceDependency(
      databaseLogs.node.defaultChild as CfnResource,
    );
    // The attachment: the same secret, with host and port added by RDS.
    if (this.database.secret === undefined) throw new Error('The database has no secret');
    this.databaseSecret = this.database.secret;
    this.credentialsSecret = credentials;

    this.cacheAuthToken = new secretsmanager.Secret(this, 'CacheAuthToken', {
      secretName: 'newsroom/redis-auth-token',
      description: 'AUTH token of the ElastiCache Redis replication group (REDIS_PASSWORD)',
      // ElastiCache accepts 16-128 printable characters without / " @; letters and digits only.
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    this.cache = this.createCache(props, this.cacheAuthToken);

    // Operators put the real values in with `aws secretsmanager put-secret-value` (infra/README.md);
    // empty strings mean "unset" to src/config.ts, so providers fall back to the sandbox meanwhile.
    this.appSecret = new secretsmanager.Secret(this, 'AppSecret', {
      secretName: 'newsroom/app',
      description: 'Provider API keys and TOKEN_ENCRYPTION_KEYS, one JSON key per variable',
      secretObjectValue: Object.fromEntries(
        props.appSecretKeys.map((key) => [key, SecretValue.unsafePlainText('')]),
      ),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.repository = new ecr.Repository(this, 'Repository', {
      repositoryName: 'newsroom',
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          description: 'Untagged layers',
          tagStatus: ecr.TagStatus.UNTAGGED,
          maxImageAge: Duration.days(7),
        },
        { description: 'Keep the last 50 releases to roll back to', maxImageCount: 50 },
      ],
    });

    this.suppressFindings();
  }

  private createCache(
    props: DataStackProps,
    authToken: secretsmanager.ISecret,
  ): elasticache.CfnReplicationGroup {
    const subnets = new elasticache.CfnSubnetGroup(this, 'CacheSubnets', {
      description: 'Newsroom Redis: isolated data subnets',
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    return new elasticache.CfnReplicationGroup(this, 'Cache', {
      replicationGroupDescription: 'Newsroom cache (search pages, budgets, single flight)',
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: props.cacheNodeType,
      // A primary and a replica in the other AZ; failover promotes the replica automatically.
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      port: REDIS_PORT,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [props.cacheSecurityGroup.securityGroupId],
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      authToken: authToken.secretValue.unsafeUnwrap(),
      // Redis is a cache, never the only copy of anything: one daily snapshot is enough.
      snapshotRetentionLimit: 1,
      snapshotWindow: '01:00-02:00',
      preferredMaintenanceWindow: 'sun:04:00-sun:05:00',
      autoMinorVersionUpgrade: true,
    });
  }

  private suppressFindings(): void {
    NagSuppressions.addResourceSuppressions(this.cache, [
      {
        id: 'AwsSolutions-AEC5',
        reason:
          'The port is part of the env contract (REDIS_URL); only the task security group may reach it, so a non-default port adds no protection.',
      },
    ]);
    const noRotation = {
      id: 'AwsSolutions-SMG4',
      reason:
        'ECS injects secrets only when a task starts, so automatic rotation would break running tasks; rotation is a deliberate step with a rolling restart (docs/runbooks/README.md).',
    };
    NagSuppressions.addResourceSuppressions(this.database, [
      {
        id: 'AwsSolutions-RDS11',
        reason:
          'The port is part of the env contract (DATABASE_URL); only the task security group may reach it, so a non-default port adds no protection.',
      },
    ]);
    NagSuppressions.addResourceSuppressions(
      [this.credentialsSecret, this.cacheAuthToken, this.appSecret],
      [noRotation],
    );
  }
}
