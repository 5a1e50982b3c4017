import {
  CfnOutput,
  CfnParameter,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { Monitoring } from './monitoring';
import { APP_PORT } from './network-stack';
import type { TaskEnvironment } from './task-environment';

export interface ServiceStackProps extends StackProps {
  vpc: ec2.IVpc;
  albSecurityGroup: ec2.ISecurityGroup;
  taskSecurityGroup: ec2.ISecurityGroup;
  repository: ecr.IRepository;
  taskEnvironment: TaskEnvironment;
  taskCpu: number;
  taskMemoryMiB: number;
  migrateCommand: string[];
  runbookBaseUrl: string;
  latencyBudgetMs: number;
}

/** Health check path of the target group: 200 only when PostgreSQL and the cache answer. */
export const READINESS_PATH = '/health/ready';
export const API_CONTAINER = 'api';
export const MIGRATE_CONTAINER = 'migrate';
export const WORKER_CONTAINER = 'worker';
/** The image's worker process (the Dockerfile documents it): the enrichment sweep, no HTTP. */
export const WORKER_COMMAND = ['node', 'dist/src/main-worker.js'];
/** Scale out past this many requests per task per minute (≈50/s, ~70% of 0.5 vCPU on store reads). */
export const REQUESTS_PER_TARGET = 3000;

/**
 * The stateless part: ECS cluster, the API service on Fargate behind an HTTPS ALB, auto-scaling,
 * the worker service, the one-off migration task and the monitoring. Deleting this stack loses
 * no data.
 */
export class ServiceStack extends Stack {
  readonly service: ecs.FargateService;
  readonly workerService: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);

    const certificateArn = new CfnParameter(this, 'CertificateArn', {
      description: 'ACM certificate (same region) for the HTTPS listener',
      allowedPattern: '^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+$',
      // A syntactically valid placeholder so synth works offline; deploys pass the real one.
      default:
        'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
    });
    const imageTag = new CfnParameter(this, 'ImageTag', {
      description: 'Image tag in the ECR repository (the commit SHA the pipeline pushed)',
      default: 'bootstrap',
    });

    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const appLogs = new logs.LogGroup(this, 'AppLogs', {
      logGroupName: '/newsroom/app',
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const image = ecs.ContainerImage.fromEcrRepository(props.repository, imageTag.valueAsString);
    const taskSubnets = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };

    const apiTask = this.taskDefinition('Api', props);
    apiTask.addContainer(API_CONTAINER, {
      image,
      ...props.taskEnvironment,
      portMappings: [{ containerPort: APP_PORT }],
      logging: ecs.LogDrivers.awsLogs({ logGroup: appLogs, streamPrefix: API_CONTAINER }),
      // The ALB decides on readiness; this restarts a wedged process even when the ALB still
      // has other healthy targets. Node is in the image, curl may not be.
      healthCheck: {
        command: [
          'CMD',
          'node',
          '-e',
          `fetch('http://127.0.0.1:${APP_PORT}/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
        ],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
      // Longer than SHUTDOWN_TIMEOUT_MS (10 s), so the graceful drain finishes before SIGKILL.
      stopTimeout: Duration.seconds(30),
    });

    this.service = new ecs.FargateService(this, 'ApiService', {
      cluster,
      taskDefinition: apiTask,
      desiredCount: 2,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      // A deploy whose tasks never get healthy stops and rolls back to the last good revision.
      circuitBreaker: { enable: true, rollback: true },
      vpcSubnets: taskSubnets,
      securityGroups: [props.taskSecurityGroup],
      assignPublicIp: false,
      healthCheckGracePeriod: Duration.seconds(60),
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });

    this.loadBalancer = this.createLoadBalancer(props);
    this.targetGroup = this.listen(props, certificateArn.valueAsString);
    this.service.attachToApplicationTargetGroup(this.targetGroup);

    const scaling = this.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 });
    scaling.scaleOnCpuUtilization('CpuTarget', {
      targetUtilizationPercent: 70,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });
    scaling.scaleOnRequestCount('RequestsPerTarget', {
      requestsPerTarget: REQUESTS_PER_TARGET,
      targetGroup: this.targetGroup,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });

    const migrateTask = this.taskDefinition('Migrate', props);
    migrateTask.addContainer(MIGRATE_CONTAINER, {
      image,
      ...props.taskEnvironment,
      command: props.migrateCommand,
      logging: ecs.LogDrivers.awsLogs({ logGroup: appLogs, streamPrefix: MIGRATE_CONTAINER }),
    });

    const workerTask = this.taskDefinition('Worker', props);
    workerTask.addContainer(WORKER_CONTAINER, {
      image,
      ...props.taskEnvironment,
      command: WORKER_COMMAND,
      logging: ecs.LogDrivers.awsLogs({ logGroup: appLogs, streamPrefix: WORKER_CONTAINER }),
      // Stops between two batches on SIGTERM; what it did not write the next sweep redoes.
      stopTimeout: Duration.seconds(30),
    });
    // One task enriches every new article (the API runs with ENRICHMENT_IN_API=false); no load
    // balancer, as it serves nothing. During a deploy two may run: their writes are serialised.
    this.workerService = new ecs.FargateService(this, 'WorkerService', {
      cluster,
      taskDefinition: workerTask,
      desiredCount: 1,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      vpcSubnets: taskSubnets,
      securityGroups: [props.taskSecurityGroup],
      assignPublicIp: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });

    new Monitoring(this, 'Monitoring', {
      loadBalancer: this.loadBalancer,
      targetGroup: this.targetGroup,
      service: this.service,
      appLogs,
      runbookBaseUrl: props.runbookBaseUrl,
      latencyBudgetMs: props.latencyBudgetMs,
    });

    // What the deploy workflow needs to run the migration task and roll the service.
    const outputs: Record<string, string> = {
      ClusterName: cluster.clusterName,
      ServiceName: this.service.serviceName,
      ApiTaskDefinitionFamily: apiTask.family,
      MigrateTaskDefinitionFamily: migrateTask.family,
      WorkerServiceName: this.workerService.serviceName,
      WorkerTaskDefinitionFamily: workerTask.family,
      TaskSubnetIds: props.vpc.selectSubnets(taskSubnets).subnetIds.join(','),
      TaskSecurityGroupId: props.taskSecurityGroup.securityGroupId,
      LoadBalancerDnsName: this.loadBalancer.loadBalancerDnsName,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });

    this.suppressFindings([apiTask, migrateTask, workerTask]);
  }

  private taskDefinition(id: string, props: ServiceStackProps): ecs.FargateTaskDefinition {
    return new ecs.FargateTaskDefinition(this, `${id}Task`, {
      cpu: props.taskCpu,
      memoryLimitMiB: props.taskMemoryMiB,
      // The pipeline builds on x86_64 runners.
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
  }

  private createLoadBalancer(props: ServiceStackProps): elbv2.ApplicationLoadBalancer {
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(accessLogs, [
      {
        id: 'AwsSolutions-S1',
        reason: 'This bucket holds the ALB access logs; logging access to it would log the logger.',
      },
    ]);
    const alb = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: props.albSecurityGroup,
      dropInvalidHeaderFields: true,
    });
    alb.logAccessLogs(accessLogs, 'alb');
    return alb;
  }

  private listen(props: ServiceStackProps, certificateArn: string): elbv2.ApplicationTargetGroup {
    const targetGroup = new elbv2.ApplicationTargetGroup(this, 'ApiTargets', {
      vpc: props.vpc,
      port: APP_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      // The drain in the app takes up to SHUTDOWN_TIMEOUT_MS (10 s); 30 s covers slow responses.
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: READINESS_PATH,
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });
    // `open: false`: the ALB's ingress rules live, explicit, in the network stack.
    this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromArn(certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
      defaultTargetGroups: [targetGroup],
    });
    this.loadBalancer.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultAction: elbv2.ListenerAction.redirect({
        protocol: 'HTTPS',
        port: '443',
        permanent: true,
      }),
    });
    return targetGroup;
  }

  private suppressFindings(tasks: ecs.TaskDefinition[]): void {
    NagSuppressions.addResourceSuppressions(
      tasks,
      [
        {
          id: 'AwsSolutions-ECS2',
          reason:
            'Only the non-secret values of deploy/env-contract.json are plain environment variables; every secret comes from Secrets Manager.',
        },
        {
          id: 'AwsSolutions-IAM5',
          appliesTo: ['Resource::*'],
          reason:
            'The execution role needs ecr:GetAuthorizationToken, which has no resource-level permissions; every other statement names its repository, log group or secret.',
        },
      ],
      true,
    );
  }
}
