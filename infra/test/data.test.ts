import { Match } from 'aws-cdk-lib/assertions';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appSecretKeys } from '../lib/task-environment';
import { contract, logicalId, synthNewsroom } from './newsroom';

const { templates } = synthNewsroom();
const data = templates.data;
const secretId = (name: string) => logicalId(data, 'AWS::SecretsManager::Secret', { Name: name });
const imported = (fragment: string) =>
  Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp(fragment) });

describe('Data stack: RDS PostgreSQL', () => {
  it('is PostgreSQL 16, Multi-AZ, encrypted, private, with 14 days of automated backups', () => {
    data.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      EngineVersion: Match.stringLikeRegexp('^16'),
      MultiAZ: true,
      StorageEncrypted: true,
      BackupRetentionPeriod: 14,
      PubliclyAccessible: false,
      DeletionProtection: true,
      DBName: 'newsroom',
      Port: '5432',
      EnableCloudwatchLogsExports: ['postgresql'],
      VPCSecurityGroups: [imported('DatabaseSecurityGroup')],
    });
  });

  it('is retained on stack delete and replacement, and sits in the isolated subnets', () => {
    data.hasResource('AWS::RDS::DBInstance', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    data.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: Match.arrayWith([imported('dataSubnet1Subnet')]),
    });
  });

  it('takes its password from a generated, retained Secrets Manager secret', () => {
    const secret = secretId('newsroom/database');
    data.hasResource('AWS::SecretsManager::Secret', {
      Properties: Match.objectLike({
        Name: 'newsroom/database',
        GenerateSecretString: Match.objectLike({
          SecretStringTemplate: '{"username":"newsroom"}',
          GenerateStringKey: 'password',
        }),
      }),
      DeletionPolicy: 'Retain',
    });
    const instance = Object.values(data.findResources('AWS::RDS::DBInstance'))[0]!;
    assert.match(JSON.stringify(instance.Properties.MasterUserPassword), new RegExp(secret));
    assert.match(JSON.stringify(instance.Properties.MasterUserPassword), /resolve:secretsmanager/);
  });

  it('keeps its logs 30 days in a log group made before the instance', () => {
    data.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: '/aws/rds/instance/newsroom/postgresql', RetentionInDays: 30 },
      DeletionPolicy: 'Retain',
    });
    const logGroup = logicalId(data, 'AWS::Logs::LogGroup', { RetentionInDays: 30 });
    data.hasResource('AWS::RDS::DBInstance', { DependsOn: Match.arrayWith([logGroup]) });
  });
});

describe('Data stack: ElastiCache Redis', () => {
  it('is a Redis 7 replication group with a replica in the other AZ and automatic failover', () => {
    data.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      Engine: 'redis',
      EngineVersion: Match.stringLikeRegexp('^7\\.'),
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      Port: 6379,
      SecurityGroupIds: [imported('CacheSecurityGroup')],
    });
  });

  it('encrypts at rest and in transit and requires the AUTH token from Secrets Manager', () => {
    const token = secretId('newsroom/redis-auth-token');
    data.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: true,
      AuthToken: {
        'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: token }, ':SecretString:::}}']],
      },
    });
    data.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'newsroom/redis-auth-token',
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });

  it('uses the isolated data subnets', () => {
    data.hasResourceProperties('AWS::ElastiCache::SubnetGroup', {
      SubnetIds: Match.arrayWith([imported('dataSubnet1Subnet')]),
    });
  });
});

describe('Data stack: app secret and image repository', () => {
  it('holds one JSON key per contract secret that is not the database or Redis password', () => {
    const keys = appSecretKeys(contract);
    assert.deepEqual(
      keys,
      contract.secrets.filter((s) => !/^(DATABASE|REDIS)_PASSWORD$/.test(s)),
    );
    const secret = data.toJSON().Resources[secretId('newsroom/app')];
    assert.equal(secret.DeletionPolicy, 'Retain');
    assert.deepEqual(Object.keys(JSON.parse(secret.Properties.SecretString)), keys);
  });

  it('scans images on push, keeps tags immutable, expires old images and is retained', () => {
    data.hasResource('AWS::ECR::Repository', {
      Properties: Match.objectLike({
        RepositoryName: 'newsroom',
        ImageScanningConfiguration: { ScanOnPush: true },
        ImageTagMutability: 'IMMUTABLE',
      }),
      DeletionPolicy: 'Retain',
    });
    const repository = Object.values(data.findResources('AWS::ECR::Repository'))[0]!;
    const rules = JSON.parse(repository.Properties.LifecyclePolicy.LifecyclePolicyText).rules;
    assert.deepEqual(
      rules.map((r: { selection: object }) => r.selection),
      [
        { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7, countUnit: 'days' },
        { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 50 },
      ],
    );
  });
});
