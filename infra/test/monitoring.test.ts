import { Match } from 'aws-cdk-lib/assertions';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { APP_METRIC_FILTERS } from '../lib/app-metrics';
import { logicalId, REPO_ROOT, synthNewsroom } from './newsroom';

const RUNBOOKS = 'https://github.com/example/newsroom/blob/main/docs/runbooks';
const { templates } = synthNewsroom({ runbookBaseUrl: RUNBOOKS, latencyBudgetMs: 1500 });
const service = templates.service;
const topic = logicalId(service, 'AWS::SNS::Topic', { DisplayName: 'Newsroom alarms' });

interface AlarmProps {
  AlarmName: string;
  AlarmDescription: string;
  [key: string]: unknown;
}
const alarms = Object.values(service.findResources('AWS::CloudWatch::Alarm')).map(
  (a) => a.Properties as AlarmProps,
);
const alarm = (name: string) => alarms.find((a) => a.AlarmName === name)!;

describe('Monitoring: the three paging alarms', () => {
  it('are exactly the 5xx rate, P99 latency and CPU saturation alarms', () => {
    assert.deepEqual(alarms.map((a) => a.AlarmName).sort(), [
      'newsroom-cpu-saturation',
      'newsroom-p99-latency',
      'newsroom-target-5xx-rate',
    ]);
  });

  it('page through the SNS topic when they fire and when they clear', () => {
    for (const a of alarms) {
      assert.deepEqual(a.AlarmActions, [{ Ref: topic }], a.AlarmName);
      assert.deepEqual(a.OKActions, [{ Ref: topic }], a.AlarmName);
    }
  });

  it('link their runbook, and each runbook exists in docs/runbooks/', () => {
    for (const a of alarms) {
      const link = /Runbook: (\S+)$/.exec(a.AlarmDescription)?.[1];
      if (link?.startsWith(`${RUNBOOKS}/`) !== true) assert.fail(a.AlarmDescription);
      const file = path.join(REPO_ROOT, 'docs', 'runbooks', link.slice(RUNBOOKS.length + 1));
      assert.ok(existsSync(file), `${file} is missing`);
      assert.equal(path.basename(file), `${a.AlarmName.replace(/^newsroom-/, '')}.md`);
    }
  });

  it('target 5xx rate: 5xx/requests above 5% for 3 of 5 minutes, ignoring quiet minutes', () => {
    service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'newsroom-target-5xx-rate',
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
      Metrics: Match.arrayWith([
        Match.objectLike({
          Expression: 'IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)',
          ReturnData: true,
        }),
        Match.objectLike({
          Id: 'requests',
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ MetricName: 'RequestCount' }),
            Period: 60,
            Stat: 'Sum',
          }),
        }),
        Match.objectLike({
          Id: 'errors',
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({
              MetricName: 'HTTPCode_Target_5XX_Count',
              Namespace: 'AWS/ApplicationELB',
            }),
            Period: 60,
            Stat: 'Sum',
          }),
          ReturnData: false,
        }),
      ]),
    });
  });

  it('P99 latency: ALB target response time over the budget (context) for 10 of 15 minutes', () => {
    service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'newsroom-p99-latency',
      Metrics: [
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({
              MetricName: 'TargetResponseTime',
              Namespace: 'AWS/ApplicationELB',
            }),
            Period: 60,
            Stat: 'p99',
          }),
          ReturnData: true,
        }),
      ],
      Threshold: 1.5,
      EvaluationPeriods: 15,
      DatapointsToAlarm: 10,
      TreatMissingData: 'notBreaching',
    });
    assert.match(alarm('newsroom-p99-latency').AlarmDescription, /above 1500 ms/);
  });

  it('CPU saturation: service average above 85% for 8 of 10 minutes; no data counts as breaching', () => {
    service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'newsroom-cpu-saturation',
      Namespace: 'AWS/ECS',
      MetricName: 'CPUUtilization',
      Statistic: 'Average',
      Period: 60,
      Threshold: 85,
      EvaluationPeriods: 10,
      DatapointsToAlarm: 8,
      TreatMissingData: 'breaching',
      Dimensions: Match.arrayWith([Match.objectLike({ Name: 'ServiceName' })]),
    });
  });
});

describe('Monitoring: alarm topic', () => {
  it('is KMS-encrypted with a rotating key CloudWatch may use, and refuses plain HTTP', () => {
    service.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['Arn']) }),
    });
    service.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
    service.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('subscribes the AlarmEmail parameter only when it is set', () => {
    service.hasParameter('*', { Type: 'String', Default: '' });
    service.hasCondition('*', {
      'Fn::Not': [
        { 'Fn::Equals': [Match.objectLike({ Ref: Match.stringLikeRegexp('AlarmEmail') }), ''] },
      ],
    });
    service.hasResource('AWS::SNS::Subscription', {
      Properties: {
        Protocol: 'email',
        TopicArn: { Ref: topic },
        Endpoint: Match.objectLike({ Ref: Match.stringLikeRegexp('AlarmEmail') }),
      },
      Condition: Match.stringLikeRegexp('HasAlarmEmail'),
    });
  });
});

describe('Monitoring: app metrics from the JSON logs', () => {
  it('has one metric filter per app metric on /newsroom/app, zero on other lines', () => {
    const logGroup = logicalId(service, 'AWS::Logs::LogGroup', { LogGroupName: '/newsroom/app' });
    for (const [name, pattern] of Object.entries(APP_METRIC_FILTERS)) {
      service.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: logGroup },
        FilterPattern: pattern,
        MetricTransformations: [
          { MetricNamespace: 'Newsroom', MetricName: name, MetricValue: '1', DefaultValue: 0 },
        ],
      });
    }
    service.resourceCountIs('AWS::Logs::MetricFilter', Object.keys(APP_METRIC_FILTERS).length);
  });
});

describe('Monitoring: dashboard', () => {
  const dashboards = Object.values(service.findResources('AWS::CloudWatch::Dashboard'));
  const body = JSON.stringify(dashboards[0]?.Properties.DashboardBody);

  it('is one dashboard named newsroom', () => {
    assert.equal(dashboards.length, 1);
    assert.equal(dashboards[0]!.Properties.DashboardName, 'newsroom');
  });

  const signals: [string, string[]][] = [
    [
      'latency: P50, P90, P99 target response time',
      [
        'Latency: target response time',
        'TargetResponseTime',
        '"stat\\":\\"p50',
        '"stat\\":\\"p90',
        '"stat\\":\\"p99',
      ],
    ],
    [
      'traffic: request count',
      ['Traffic: requests per minute', 'RequestCount', 'HealthyHostCount'],
    ],
    [
      'errors: target and ELB 4xx and 5xx, and the 5xx rate',
      [
        'HTTPCode_Target_4XX_Count',
        'HTTPCode_Target_5XX_Count',
        'HTTPCode_ELB_4XX_Count',
        'HTTPCode_ELB_5XX_Count',
        'Target 5xx rate (%)',
      ],
    ],
    [
      'saturation: service CPU and memory',
      ['Saturation: service CPU and memory', 'CPUUtilization', 'MemoryUtilization'],
    ],
    [
      'the cache hit ratio',
      ['Search cache hit ratio', '100 * hits / (hits + misses)', 'CacheHits', 'CacheMisses'],
    ],
    [
      'the upstream error rate',
      ['Upstream error rate', '100 * failures / calls', 'UpstreamFailures', 'UpstreamCalls'],
    ],
    ['the three alarms', ['Paging alarms', 'alarm']],
  ];
  for (const [signal, needles] of signals) {
    it(`shows ${signal}`, () => {
      for (const needle of needles) assert.ok(body.includes(needle), `dashboard lacks ${needle}`);
    });
  }
});
