import { Match } from 'aws-cdk-lib/assertions';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logicalId, synthNewsroom } from './newsroom';

const { templates } = synthNewsroom();
const network = templates.network;
const group = (description: string) =>
  logicalId(network, 'AWS::EC2::SecurityGroup', { GroupDescription: description });
const ALB = group('Public load balancer: HTTPS and the HTTP redirect');
const TASKS = group('API and migration tasks');
const DATABASE = group('RDS PostgreSQL');
const CACHE = group('ElastiCache Redis');
const ref = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });

describe('Network stack: VPC', () => {
  it('spans exactly two named AZs with a public, an app and a data subnet in each', () => {
    const subnets = Object.values(network.findResources('AWS::EC2::Subnet'));
    assert.equal(subnets.length, 6);
    const byAz = new Map<string, string[]>();
    for (const subnet of subnets) {
      const az = subnet.Properties.AvailabilityZone as string;
      const type = (subnet.Properties.Tags as { Key: string; Value: string }[]).find(
        (t) => t.Key === 'aws-cdk:subnet-type',
      )!.Value;
      byAz.set(az, [...(byAz.get(az) ?? []), type].sort());
    }
    assert.deepEqual(Object.fromEntries(byAz), {
      'eu-west-1a': ['Isolated', 'Private', 'Public'],
      'eu-west-1b': ['Isolated', 'Private', 'Public'],
    });
  });

  it('only public subnets map public IPs; app subnets route through a NAT, data subnets nowhere', () => {
    network.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: true }, 2);
    network.resourceCountIs('AWS::EC2::NatGateway', 2);
    network.resourcePropertiesCountIs(
      'AWS::EC2::Route',
      { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: Match.anyValue() },
      2,
    );
    network.resourcePropertiesCountIs(
      'AWS::EC2::Route',
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: Match.anyValue() },
      2,
    );
  });

  it('has a free S3 gateway endpoint and logs rejected flows with a retention', () => {
    network.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['.s3'])]) }),
    });
    network.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'REJECT' });
    network.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('takes the NAT gateway count from context', () => {
    const single = synthNewsroom({ natGateways: 1 }).templates.network;
    single.resourceCountIs('AWS::EC2::NatGateway', 1);
  });
});

describe('Network stack: security groups', () => {
  it('lets the internet reach the ALB on 443 and 80 only', () => {
    network.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Public load balancer: HTTPS and the HTTP redirect',
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
        Match.objectLike({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 80, ToPort: 80 }),
      ],
    });
  });

  it('has exactly three group-to-group ingress rules: ALB->tasks 8080, tasks->RDS 5432, tasks->Redis 6379', () => {
    const rules = Object.values(network.findResources('AWS::EC2::SecurityGroupIngress')).map(
      (r): unknown[] => [
        r.Properties.GroupId,
        r.Properties.SourceSecurityGroupId,
        r.Properties.FromPort,
        r.Properties.ToPort,
      ],
    );
    assert.deepEqual(rules, [
      [ref(TASKS), ref(ALB), 8080, 8080],
      [ref(DATABASE), ref(TASKS), 5432, 5432],
      [ref(CACHE), ref(TASKS), 6379, 6379],
    ]);
  });

  it('has exactly the matching egress rules, and tasks may otherwise only speak HTTPS', () => {
    const rules = Object.values(network.findResources('AWS::EC2::SecurityGroupEgress')).map(
      (r): unknown[] => [
        r.Properties.GroupId,
        r.Properties.DestinationSecurityGroupId,
        r.Properties.FromPort,
      ],
    );
    assert.deepEqual(rules, [
      [ref(ALB), ref(TASKS), 8080],
      [ref(TASKS), ref(DATABASE), 5432],
      [ref(TASKS), ref(CACHE), 6379],
    ]);
    interface InlineRule {
      CidrIp: string;
      FromPort: number;
    }
    type Inline = { SecurityGroupIngress?: InlineRule[]; SecurityGroupEgress?: InlineRule[] };
    const resources = network.toJSON().Resources as Record<string, { Properties: Inline }>;
    const inline = (id: string): Inline => resources[id]!.Properties;
    assert.deepEqual(
      inline(TASKS).SecurityGroupEgress?.map((r) => [r.CidrIp, r.FromPort]),
      [['0.0.0.0/0', 443]],
    );
    assert.equal(inline(TASKS).SecurityGroupIngress, undefined);
    for (const data of [DATABASE, CACHE]) {
      assert.equal(inline(data).SecurityGroupIngress, undefined);
      // CDK's placeholder for "no outbound at all".
      assert.deepEqual(
        inline(data).SecurityGroupEgress?.map((r) => r.CidrIp),
        ['255.255.255.255/32'],
      );
    }
  });

  it('leaves no security group rule to the data or service stacks', () => {
    for (const template of [templates.data, templates.service]) {
      template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
      template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
      template.resourceCountIs('AWS::EC2::SecurityGroupEgress', 0);
    }
  });
});
