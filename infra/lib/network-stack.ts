import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';

export interface NetworkStackProps extends StackProps {
  availabilityZones: string[];
  natGateways: number;
}

/** The port the API container listens on (PORT in deploy/env-contract.json). */
export const APP_PORT = 8080;
export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;

/**
 * The VPC and every security group, with all their rules in one place: the ALB takes 80/443 from
 * the internet and talks only to the tasks; the tasks take traffic only from the ALB and talk only
 * to PostgreSQL, Redis and HTTPS; the data tier takes its one port from the tasks and nothing else.
 */
export class NetworkStack extends Stack {
  readonly vpc: ec2.Vpc;
  readonly albSecurityGroup: ec2.SecurityGroup;
  readonly taskSecurityGroup: ec2.SecurityGroup;
  readonly databaseSecurityGroup: ec2.SecurityGroup;
  readonly cacheSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.40.0.0/16'),
      availabilityZones: props.availabilityZones,
      // One NAT per AZ keeps upstream calls and image pulls working when an AZ fails, matching the
      // Multi-AZ database and cache; ~$33/month each plus $0.045/GB (infra/README.md).
      natGateways: props.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      // Image layers come from S3: the gateway endpoint is free and keeps them off the NAT bill.
      // Interface endpoints (ECR, Logs, Secrets Manager) would cost more than the NAT they save.
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    });

    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
    });
    // Rejected flows only: what a security review needs, at a fraction of the ingestion cost.
    this.vpc.addFlowLog('RejectedFlows', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });

    this.albSecurityGroup = this.group('Alb', 'Public load balancer: HTTPS and the HTTP redirect');
    this.taskSecurityGroup = this.group('Tasks', 'API and migration tasks');
    this.databaseSecurityGroup = this.group('Database', 'RDS PostgreSQL');
    this.cacheSecurityGroup = this.group('Cache', 'ElastiCache Redis');

    const anywhere = ec2.Peer.anyIpv4();
    this.albSecurityGroup.addIngressRule(anywhere, ec2.Port.tcp(443), 'HTTPS from the internet');
    this.albSecurityGroup.addIngressRule(anywhere, ec2.Port.tcp(80), 'HTTP, redirected to HTTPS');
    this.allow(this.albSecurityGroup, this.taskSecurityGroup, APP_PORT, 'ALB to API tasks');
    this.allow(this.taskSecurityGroup, this.databaseSecurityGroup, POSTGRES_PORT, 'Tasks to RDS');
    this.allow(this.taskSecurityGroup, this.cacheSecurityGroup, REDIS_PORT, 'Tasks to Redis');
    // Upstream news APIs, ECR, Secrets Manager and CloudWatch Logs are all HTTPS.
    this.taskSecurityGroup.addEgressRule(anywhere, ec2.Port.tcp(443), 'HTTPS to AWS and upstreams');

    NagSuppressions.addResourceSuppressions(this.albSecurityGroup, [
      {
        id: 'AwsSolutions-EC23',
        reason:
          'The public load balancer must take 443 (and 80, which only redirects) from anyone; no other port is open.',
      },
    ]);
  }

  private group(id: string, description: string): ec2.SecurityGroup {
    return new ec2.SecurityGroup(this, `${id}SecurityGroup`, {
      vpc: this.vpc,
      description,
      allowAllOutbound: false,
    });
  }

  /** One rule pair: `from` may open connections to `to` on `port`, and nothing else. */
  private allow(from: ec2.SecurityGroup, to: ec2.SecurityGroup, port: number, what: string): void {
    from.addEgressRule(to, ec2.Port.tcp(port), what);
    to.addIngressRule(from, ec2.Port.tcp(port), what);
  }
}
