import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { synthNewsroom } from './newsroom';

const newsroom = synthNewsroom();
const stacks = [newsroom.network, newsroom.data, newsroom.service];
const nagFinding = Match.stringLikeRegexp('AwsSolutions-');

const text = (finding: { entry: { data?: unknown } }): string =>
  typeof finding.entry.data === 'string' ? finding.entry.data : JSON.stringify(finding.entry.data);

interface Suppression {
  id: string;
  reason: string;
}

describe('cdk-nag AWS Solutions checks', () => {
  for (const stack of stacks) {
    it(`${stack.stackName}: no unsuppressed error`, () => {
      const errors = Annotations.fromStack(stack).findError('*', nagFinding);
      assert.deepEqual(
        errors.map((e) => `${e.id}: ${text(e)}`),
        [],
      );
    });

    it(`${stack.stackName}: no unsuppressed warning`, () => {
      const warnings = Annotations.fromStack(stack).findWarning('*', nagFinding);
      assert.deepEqual(
        warnings.map((w) => `${w.id}: ${text(w)}`),
        [],
      );
    });
  }

  it('every suppression names an AwsSolutions rule and gives a reason of a sentence or more', () => {
    const suppressions = stacks.flatMap((stack) =>
      Object.values(
        newsroom.app.synth().getStackByName(stack.stackName).template.Resources,
      ).flatMap(
        (r) =>
          (r as { Metadata?: { cdk_nag?: { rules_to_suppress: Suppression[] } } }).Metadata?.cdk_nag
            ?.rules_to_suppress ?? [],
      ),
    );
    assert.ok(suppressions.length > 0);
    for (const s of suppressions) {
      assert.match(s.id, /^AwsSolutions-[A-Z]+\d+$/);
      assert.ok(s.reason.length >= 40, `${s.id}: reason too short: ${s.reason}`);
    }
    assert.deepEqual([...new Set(suppressions.map((s) => s.id))].sort(), [
      'AwsSolutions-AEC5',
      'AwsSolutions-EC23',
      'AwsSolutions-ECS2',
      'AwsSolutions-IAM5',
      'AwsSolutions-RDS11',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
    ]);
  });

  it('does report findings: an unencrypted topic without TLS enforcement is an error', () => {
    const app = new App();
    const stack = new Stack(app, 'Probe');
    new sns.Topic(stack, 'PlainTopic');
    Aspects.of(app).add(new AwsSolutionsChecks());
    const errors = Annotations.fromStack(stack).findError('*', nagFinding);
    assert.ok(errors.some((e) => text(e).startsWith('AwsSolutions-SNS3')));
  });
});
