import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logicalId, contract, synthNewsroom } from './newsroom';

const { templates } = synthNewsroom();
const service = templates.service;
const targetGroup = logicalId(service, 'AWS::ElasticLoadBalancingV2::TargetGroup', {});

interface ContainerDefinition {
  Name: string;
  Command?: string[];
  Environment: { Name: string; Value: unknown }[];
  Secrets: { Name: string; ValueFrom: unknown }[];
}
const containers = Object.values(service.findResources('AWS::ECS::TaskDefinition')).map(
  (t) => (t.Properties.ContainerDefinitions as ContainerDefinition[])[0]!,
);
const container = (name: string) => containers.find((c) => c.Name === name)!;
/** The ECS service whose task definition runs the container `name`. */
function ecsServiceRunning(name: string): Record<string, unknown> {
  const taskDefinitions = service.findResources('AWS::ECS::TaskDefinition');
  const taskId = Object.keys(taskDefinitions).find(
    (id) =>
      (taskDefinitions[id]!.Properties.ContainerDefinitions as ContainerDefinition[])[0]!.Name ===
      name,
  );
  const services = Object.values(service.findResources('AWS::ECS::Service')).filter(
    (s) => JSON.stringify(s.Properties.TaskDefinition) === JSON.stringify({ Ref: taskId }),
  );
  assert.equal(services.length, 1, `one service runs ${name}`);
  return services[0]!.Properties as Record<string, unknown>;
}

describe('Service stack: load balancer', () => {
  it('is internet-facing in the public subnets, drops invalid headers and logs access to S3', () => {
    service.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      SecurityGroups: [
        Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('AlbSecurityGroup') }),
      ],
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'true' },
      ]),
    });
    service.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
  });

  it('serves HTTPS on 443 with the certificate from the CertificateArn parameter', () => {
    service.hasParameter('CertificateArn', {
      Type: 'String',
      AllowedPattern: Match.stringLikeRegexp('acm'),
    });
    service.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: { Ref: 'CertificateArn' } }],
      SslPolicy: Match.stringLikeRegexp('TLS'),
      DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: targetGroup } }],
    });
  });

  it('answers HTTP on 80 only with a permanent redirect to HTTPS', () => {
    service.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
    service.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [
        {
          Type: 'redirect',
          RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
        },
      ],
    });
  });

  it('health-checks the tasks on /health/ready over the app port', () => {
    service.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080,
      Protocol: 'HTTP',
      TargetType: 'ip',
      HealthCheckPath: '/health/ready',
      Matcher: { HttpCode: '200' },
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
    });
  });
});

describe('Service stack: ECS', () => {
  it('runs 2 Fargate tasks in private subnets with the deployment circuit breaker rolling back', () => {
    service.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      DesiredCount: 2,
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      },
      NetworkConfiguration: {
        AwsvpcConfiguration: Match.objectLike({
          AssignPublicIp: 'DISABLED',
          SecurityGroups: [
            Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('TasksSecurityGroup') }),
          ],
          Subnets: Match.arrayWith([
            Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('appSubnet1') }),
          ]),
        }),
      },
      LoadBalancers: [
        { ContainerName: 'api', ContainerPort: 8080, TargetGroupArn: { Ref: targetGroup } },
      ],
    });
  });

  it('has Container Insights on the cluster', () => {
    service.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
  });

  it('scales between 2 and 10 tasks on 70% CPU and on requests per target', () => {
    service.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 2,
      MaxCapacity: 10,
      ScalableDimension: 'ecs:service:DesiredCount',
    });
    service.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 70,
      }),
    });
    service.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: Match.objectLike({
          PredefinedMetricType: 'ALBRequestCountPerTarget',
        }),
        TargetValue: 3000,
      }),
    });
  });

  it('sends container logs to /newsroom/app, kept 30 days', () => {
    const logGroup = logicalId(service, 'AWS::Logs::LogGroup', { LogGroupName: '/newsroom/app' });
    service.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/newsroom/app',
      RetentionInDays: 30,
    });
    for (const c of containers) {
      assert.deepEqual(
        (c as unknown as { LogConfiguration: { Options: Record<string, unknown> } })
          .LogConfiguration.Options['awslogs-group'],
        { Ref: logGroup },
      );
    }
  });

  it('has a one-off migration task on the same image running the migration command', () => {
    assert.deepEqual(containers.map((c) => c.Name).sort(), ['api', 'migrate', 'worker']);
    const command = container('migrate').Command;
    assert.deepEqual(command, ['node', 'dist/scripts/db-migrate.js']);
    // The command the Dockerfile documents for migrations, so the task runs what the image has.
    const dockerfile = readFileSync(join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
    assert.match(dockerfile, new RegExp(`migrations\\s+${(command ?? []).join(' ')}`));
    assert.deepEqual(
      (container('migrate') as unknown as { Image: unknown }).Image,
      (container('api') as unknown as { Image: unknown }).Image,
    );
    service.hasOutput('MigrateTaskDefinitionFamily', {});
    service.hasOutput('TaskSubnetIds', {});
    service.hasOutput('TaskSecurityGroupId', {});
  });
});

describe('Service stack: the worker service', () => {
  it("runs the image's worker command, as the Dockerfile documents it", () => {
    const command = container('worker').Command;
    assert.deepEqual(command, ['node', 'dist/src/main-worker.js']);
    const dockerfile = readFileSync(join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
    assert.match(dockerfile, new RegExp(`worker\\s+${(command ?? []).join(' ')}`));
    assert.deepEqual(
      (container('worker') as unknown as { Image: unknown }).Image,
      (container('api') as unknown as { Image: unknown }).Image,
    );
  });

  it('runs one Fargate task in the private subnets with the tasks security group, behind no load balancer', () => {
    const worker = ecsServiceRunning('worker');
    assert.equal(worker.DesiredCount, 1);
    assert.equal(worker.LaunchType, 'FARGATE');
    assert.equal(worker.LoadBalancers, undefined);
    assert.equal(worker.HealthCheckGracePeriodSeconds, undefined);
    const network = JSON.stringify(worker.NetworkConfiguration);
    assert.match(network, /"AssignPublicIp":"DISABLED"/);
    assert.match(network, /TasksSecurityGroup/);
    assert.match(network, /appSubnet1/);
    // Only the API is scaled and load-balanced.
    service.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 1);
    assert.equal(
      JSON.stringify(service.findResources('AWS::ApplicationAutoScaling::ScalableTarget')).includes(
        'WorkerService',
      ),
      false,
    );
    service.hasOutput('WorkerServiceName', {});
    service.hasOutput('WorkerTaskDefinitionFamily', {});
  });

  it('logs under its own stream prefix', () => {
    const options = (name: string) =>
      (container(name) as unknown as { LogConfiguration: { Options: Record<string, unknown> } })
        .LogConfiguration.Options;
    assert.equal(options('worker')['awslogs-stream-prefix'], 'worker');
    assert.equal(options('api')['awslogs-stream-prefix'], 'api');
  });
});

describe('Service stack: task environment from deploy/env-contract.json', () => {
  for (const name of ['api', 'worker', 'migrate']) {
    it(`${name}: sets exactly the contract's plain names, with its values except the deployment's endpoints`, () => {
      const env = Object.fromEntries(container(name).Environment.map((e) => [e.Name, e.Value]));
      assert.deepEqual(Object.keys(env).sort(), Object.keys(contract.environment).sort());
      const deploymentSpecific = new Set(['PUBLIC_URL', 'DATABASE_URL', 'REDIS_URL']);
      for (const [key, value] of Object.entries(contract.environment)) {
        if (!deploymentSpecific.has(key)) assert.equal(env[key], value, key);
      }
      assert.equal(env.PUBLIC_URL, 'https://newsroom.example.com');
      const databaseUrl = JSON.stringify(env.DATABASE_URL);
      assert.match(
        databaseUrl,
        /"postgres:\/\/newsroom@",\{"Fn::ImportValue":"Newsroom-Data:[^"]*DatabaseB[^"]*EndpointAddress/,
      );
      assert.match(databaseUrl, /EndpointPort[^"]*"\},"\/newsroom"/);
      assert.match(
        JSON.stringify(env.REDIS_URL),
        /"rediss:\/\/",\{"Fn::ImportValue":"Newsroom-Data:[^"]*CachePrimaryEndPointAddress/,
      );
    });

    it(`${name}: takes exactly the contract's secrets from Secrets Manager`, () => {
      const secrets = Object.fromEntries(
        container(name).Secrets.map((s) => [s.Name, JSON.stringify(s.ValueFrom)]),
      );
      assert.deepEqual(Object.keys(secrets).sort(), [...contract.secrets].sort());
      assert.match(
        secrets.DATABASE_PASSWORD!,
        /DatabaseCredentialsAttachment[^"]*"\},":password::"/,
      );
      assert.match(
        secrets.REDIS_PASSWORD!,
        /^\{"Fn::ImportValue":"Newsroom-Data:[^"]*CacheAuthToken[^"]*"\}$/,
      );
      for (const key of contract.secrets.filter((s) => !s.endsWith('_PASSWORD'))) {
        assert.match(secrets[key]!, new RegExp(`AppSecret[^"]*"\\},":${key}::"`), key);
      }
    });
  }

  it('lets the execution role read only those three secrets, and the task role none', () => {
    const statements = Object.values(service.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
    );
    const secretReads = statements.filter((s) =>
      JSON.stringify(s.Action).includes('secretsmanager:GetSecretValue'),
    );
    const resources = new Set(
      secretReads.map(
        (s) =>
          JSON.stringify(s.Resource).match(
            /(DatabaseCredentialsAttachment|CacheAuthToken|AppSecret)/,
          )![1],
      ),
    );
    assert.deepEqual([...resources].sort(), [
      'AppSecret',
      'CacheAuthToken',
      'DatabaseCredentialsAttachment',
    ]);
    const policies = service.findResources('AWS::IAM::Policy');
    for (const [id, policy] of Object.entries(policies)) {
      if (JSON.stringify(policy).includes('secretsmanager')) assert.match(id, /ExecutionRole/);
    }
  });
});
