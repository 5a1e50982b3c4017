import { CfnCondition, CfnParameter, Duration, Fn } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { appMetrics } from './app-metrics';

export interface MonitoringProps {
  loadBalancer: elbv2.ApplicationLoadBalancer;
  targetGroup: elbv2.ApplicationTargetGroup;
  service: ecs.FargateService;
  appLogs: logs.ILogGroup;
  runbookBaseUrl: string;
  latencyBudgetMs: number;
}

const MINUTE = Duration.minutes(1);

/**
 * The four golden signals and the app's own cache and upstream health on one dashboard, and the
 * three alarms that page. Every alarm pages through one SNS topic and links its runbook.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = this.pagingTopic();
    const alb = props.loadBalancer.metrics;
    const requests = alb.requestCount({ period: MINUTE, statistic: 'Sum', label: 'Requests' });
    const target5xx = alb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
      period: MINUTE,
      statistic: 'Sum',
      label: 'Target 5xx',
    });
    const runbook = (name: string) => `${props.runbookBaseUrl}/${name}.md`;

    // 5% of requests failing for 3 of 5 minutes: one bad minute (a deploy's last old task, a
    // provider blip) does not page; a real regression pages within ~3-5 minutes. Below 20
    // requests a minute the rate is 0: at night one error in ten requests is not an incident.
    const errorRate = new cloudwatch.MathExpression({
      expression: 'IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)',
      usingMetrics: { requests, errors: target5xx },
      period: MINUTE,
      label: 'Target 5xx rate (%)',
    });
    const errorAlarm = errorRate.createAlarm(this, 'Target5xxRate', {
      alarmName: 'newsroom-target-5xx-rate',
      alarmDescription: `More than 5% of requests answered 5xx by the API for 3 of 5 minutes. Runbook: ${runbook('target-5xx-rate')}`,
      threshold: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      // No requests means no errors, not an unknown state.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // P99 over the budget for 10 of 15 minutes: a cold cache after a deploy or one provider
    // stalling up to SEARCH_DEADLINE_MS lifts P99 for a few minutes and is expected; a quarter of
    // an hour of it is users waiting. One-minute points keep the P99 close to what users saw.
    const p99 = alb.targetResponseTime({ period: MINUTE, statistic: 'p99', label: 'P99' });
    const latencyAlarm = p99.createAlarm(this, 'P99Latency', {
      alarmName: 'newsroom-p99-latency',
      alarmDescription: `API P99 response time above ${props.latencyBudgetMs} ms for 10 of 15 minutes. Runbook: ${runbook('p99-latency')}`,
      threshold: props.latencyBudgetMs / 1000,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 15,
      datapointsToAlarm: 10,
      // No requests in a minute is no latency to speak of.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // Average CPU above 85% for 8 of 10 minutes. Scaling targets 70% and adds tasks within ~3
    // minutes, so a long stretch above 85% means scaling is at its maximum (10) or not helping.
    const cpu = props.service.metricCpuUtilization({ period: MINUTE, statistic: 'Average' });
    const cpuAlarm = cpu.createAlarm(this, 'CpuSaturation', {
      alarmName: 'newsroom-cpu-saturation',
      alarmDescription: `API service CPU above 85% for 8 of 10 minutes, or no CPU data (no running task). Runbook: ${runbook('cpu-saturation')}`,
      threshold: 85,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 10,
      datapointsToAlarm: 8,
      // ECS reports CPU every minute while any task runs: silence means no task is running,
      // which is worse than saturation (the ALB then answers 503 itself, unseen by the 5xx alarm).
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    this.alarms = [errorAlarm, latencyAlarm, cpuAlarm];
    const page = new actions.SnsAction(this.topic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(page);
      alarm.addOkAction(page);
    }

    const app = appMetrics(this, props.appLogs);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: 'newsroom',
      defaultInterval: Duration.hours(3),
    });
    const wide = { width: 12, height: 6 };
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'Latency: target response time (s)',
        left: ['p50', 'p90', 'p99'].map((statistic) =>
          alb.targetResponseTime({ period: MINUTE, statistic, label: statistic.toUpperCase() }),
        ),
        leftAnnotations: [{ value: props.latencyBudgetMs / 1000, label: 'P99 budget' }],
      }),
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'Traffic: requests per minute, healthy tasks',
        left: [requests],
        right: [
          props.targetGroup.metrics.healthyHostCount({ period: MINUTE, label: 'Healthy tasks' }),
        ],
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'Errors: 4xx and 5xx, target and load balancer',
        left: [
          alb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_4XX_COUNT, {
            period: MINUTE,
            statistic: 'Sum',
            label: 'Target 4xx',
          }),
          target5xx,
          alb.httpCodeElb(elbv2.HttpCodeElb.ELB_4XX_COUNT, {
            period: MINUTE,
            statistic: 'Sum',
            label: 'ELB 4xx',
          }),
          alb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, {
            period: MINUTE,
            statistic: 'Sum',
            label: 'ELB 5xx',
          }),
        ],
        right: [errorRate],
      }),
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'Saturation: service CPU and memory (%)',
        left: [
          cpu.with({ label: 'CPU' }),
          props.service.metricMemoryUtilization({
            period: MINUTE,
            statistic: 'Average',
            label: 'Memory',
          }),
        ],
        leftAnnotations: [
          { value: 70, label: 'Scaling target' },
          { value: 85, label: 'Alarm' },
        ],
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'Search cache hit ratio (%)',
        left: [app.cacheHitRatio],
      }),
      new cloudwatch.GraphWidget({
        ...wide,
        title: 'Upstream error rate (%)',
        left: [app.upstreamErrorRate],
        right: [app.upstreamCalls],
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Paging alarms',
        alarms: this.alarms,
        width: 24,
        height: 3,
      }),
    );
  }

  /** The SNS topic alarms page through, encrypted, with an optional e-mail subscription. */
  private pagingTopic(): sns.Topic {
    const email = new CfnParameter(this, 'AlarmEmail', {
      description: 'E-mail address the alarms page (empty: subscribe later, e.g. a pager tool)',
      default: '',
    });
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the newsroom alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch must encrypt the messages it publishes to the topic.
    key.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    const topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Newsroom alarms',
      masterKey: key,
      enforceSSL: true,
    });
    const hasEmail = new CfnCondition(this, 'HasAlarmEmail', {
      expression: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')),
    });
    const subscription = new sns.CfnSubscription(this, 'AlarmEmailSubscription', {
      topicArn: topic.topicArn,
      protocol: 'email',
      endpoint: email.valueAsString,
    });
    subscription.cfnOptions.condition = hasEmail;
    return topic;
  }
}
