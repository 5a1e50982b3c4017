import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export const APP_NAMESPACE = 'Newsroom';

/**
 * The app's own signals as CloudWatch metrics, taken from its JSON log lines by metric filters
 * rather than EMF: the app stays free of CloudWatch formats (the same lines are read locally and
 * by Prometheus-minded tools), and adding a metric is an infra change only. The lines relied on:
 *   - one per request: `"msg":"Request completed"`, with `"cache":"HIT"|"MISS"` on searches;
 *   - one per upstream call: `"msg":"Upstream call"` (success) or `"Upstream call failed"`.
 */
export const APP_METRIC_FILTERS = {
  CacheHits: '{ $.msg = "Request completed" && $.cache = "HIT" }',
  CacheMisses: '{ $.msg = "Request completed" && $.cache = "MISS" }',
  UpstreamCalls: '{ $.msg = "Upstream call" || $.msg = "Upstream call failed" }',
  UpstreamFailures: '{ $.msg = "Upstream call failed" }',
} as const;

export interface AppMetrics {
  cacheHitRatio: cloudwatch.MathExpression;
  upstreamErrorRate: cloudwatch.MathExpression;
  upstreamCalls: cloudwatch.Metric;
}

/** Creates the metric filters on the app's log group and the ratios built from them. */
export function appMetrics(scope: Construct, logGroup: logs.ILogGroup): AppMetrics {
  const metric = {} as Record<keyof typeof APP_METRIC_FILTERS, cloudwatch.Metric>;
  for (const [name, pattern] of Object.entries(APP_METRIC_FILTERS)) {
    const filter = new logs.MetricFilter(scope, `${name}Filter`, {
      logGroup,
      filterPattern: logs.FilterPattern.literal(pattern),
      metricNamespace: APP_NAMESPACE,
      metricName: name,
      metricValue: '1',
      // Zero on non-matching lines, so a ratio has a denominator even in quiet minutes.
      defaultValue: 0,
    });
    metric[name as keyof typeof APP_METRIC_FILTERS] = filter.metric({
      period: Duration.minutes(1),
      statistic: 'Sum',
      label: name,
    });
  }
  return {
    cacheHitRatio: new cloudwatch.MathExpression({
      expression: '100 * hits / (hits + misses)',
      usingMetrics: { hits: metric.CacheHits, misses: metric.CacheMisses },
      label: 'Cache hit ratio (%)',
      period: Duration.minutes(1),
    }),
    upstreamErrorRate: new cloudwatch.MathExpression({
      expression: '100 * failures / calls',
      usingMetrics: { failures: metric.UpstreamFailures, calls: metric.UpstreamCalls },
      label: 'Upstream error rate (%)',
      period: Duration.minutes(1),
    }),
    upstreamCalls: metric.UpstreamCalls,
  };
}
