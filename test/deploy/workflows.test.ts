import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow,
} from '@actions/workflow-parser';
import { asRecord, readRepoFile, readRepoYaml } from './repo-files.js';

const WORKFLOWS = ['ci.yml', 'deploy.yml'];

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

function workflow(file: string): Record<string, unknown> {
  return asRecord(readRepoYaml('.github', 'workflows', file), file);
}

function job(file: string, name: string): Record<string, unknown> {
  return asRecord(asRecord(workflow(file).jobs, `${file} jobs`)[name], `${file} jobs.${name}`);
}

function steps(file: string, jobName: string): Step[] {
  const list = job(file, jobName).steps;
  assert.ok(Array.isArray(list), `${file} ${jobName} has steps`);
  return list as Step[];
}

/** Index of the first step whose run script matches, failing when there is none. */
function stepIndex(list: Step[], pattern: RegExp, what: string): number {
  const index = list.findIndex((s) => pattern.test(s.run ?? ''));
  assert.ok(index >= 0, `a step that ${what}`);
  return index;
}

describe('GitHub Actions workflows', () => {
  for (const file of WORKFLOWS) {
    it(`${file} is valid against GitHub's workflow schema`, async () => {
      const content = readRepoFile('.github', 'workflows', file);
      const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
      assert.deepEqual(
        parsed.context.errors.getErrors().map((e) => e.message),
        [],
      );
      assert.ok(parsed.value, 'a template');
      const template = await convertWorkflowTemplate(parsed.context, parsed.value);
      assert.equal(template.errors, undefined);
      assert.ok(template.jobs.length > 0);
    });

    it(`${file} pins every action by full commit SHA, with its version in a comment`, () => {
      const lines = readRepoFile('.github', 'workflows', file)
        .split('\n')
        .filter((line) => /^\s*(-\s+)?uses:/.test(line));
      assert.ok(lines.length > 0);
      for (const line of lines) {
        const uses = /uses:\s*(\S+)/.exec(line)?.[1] ?? '';
        if (uses.startsWith('./')) continue; // this repository's own reusable workflow
        assert.match(uses, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, line.trim());
        assert.match(line, /# v\d+(\.\d+)*\s*$/, `${line.trim()}: version comment`);
      }
    });
  }

  it('checks that the workflow schema rejects a misspelt key', () => {
    const content = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n';
    const parsed = parseWorkflow({ name: 'bad.yml', content }, new NoOperationTraceWriter());
    assert.ok(parsed.context.errors.getErrors().some((e) => e.message.includes('stepz')));
  });
});

describe('ci.yml', () => {
  it('runs on pull requests, pushes, and as the first job of a deploy', () => {
    const on = asRecord(workflow('ci.yml').on, 'on');
    assert.ok('pull_request' in on && 'push' in on && 'workflow_call' in on);
  });

  it('tests against PostgreSQL 16 and Redis 7 service containers, on Node 20 and 24', () => {
    const test = job('ci.yml', 'test');
    const services = asRecord(test.services, 'services');
    assert.match(String(asRecord(services.postgres, 'postgres').image), /^postgres:16\b/);
    assert.match(String(asRecord(services.redis, 'redis').image), /^redis:7\b/);
    const env = asRecord(test.env, 'env');
    assert.match(String(env.DATABASE_URL), /^postgres:\/\/.*@127\.0\.0\.1:5432\//);
    assert.equal(env.REDIS_URL, 'redis://127.0.0.1:6379');
    assert.equal(env.CI, 'true', 'Redis tests fail instead of skipping');
    const matrix = asRecord(asRecord(test.strategy, 'strategy').matrix, 'matrix');
    assert.deepEqual(matrix.node, [20, 24]);
  });

  it('installs, checks format, lints, typechecks, then tests with an 80% lines floor', () => {
    const list = steps('ci.yml', 'test');
    const order = [
      stepIndex(list, /^npm ci\b/, 'installs the lockfile'),
      stepIndex(list, /npm run format:check/, 'checks formatting'),
      stepIndex(list, /npm run lint/, 'lints'),
      stepIndex(list, /npm run typecheck/, 'typechecks'),
      stepIndex(list, /c8 --check-coverage --lines 80 npm test/, 'enforces the floor'),
    ];
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    const c8 = JSON.parse(readRepoFile('.c8rc.json')) as { include: string[]; lines: number };
    assert.deepEqual(c8.include, ['src/**/*.ts']);
    assert.equal(c8.lines, 80);
  });

  it('uploads the coverage report as an artifact, even when the floor fails', () => {
    const upload = steps('ci.yml', 'test').find((s) =>
      s.uses?.startsWith('actions/upload-artifact@'),
    );
    assert.ok(upload, 'an upload-artifact step');
    assert.equal(upload.with?.path, 'coverage/');
    assert.match(String((upload as { if?: string }).if), /!cancelled\(\)/);
  });
});

describe('ci.yml fault matrix', () => {
  it('runs npm run test:faults in its own job, with redis-server installed, keeping the report', () => {
    const list = steps('ci.yml', 'faults');
    const order = [
      stepIndex(list, /apt-get install .*redis-server/, 'installs redis-server'),
      stepIndex(list, /^npm ci\b/, 'installs the lockfile'),
      stepIndex(list, /^npm run test:faults$/, 'runs the matrix'),
    ];
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    const upload = list.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.equal(upload?.with?.path, 'test-artifacts/faults/');
  });
});

describe('deploy.yml', () => {
  it('runs on pushes to main, one at a time, after the same tests as CI', () => {
    const deploy = workflow('deploy.yml');
    assert.deepEqual(asRecord(asRecord(deploy.on, 'on').push, 'push').branches, ['main']);
    assert.equal(asRecord(deploy.concurrency, 'concurrency')['cancel-in-progress'], false);
    assert.equal(job('deploy.yml', 'test').uses, './.github/workflows/ci.yml');
    assert.equal(job('deploy.yml', 'image').needs, 'test');
    assert.equal(job('deploy.yml', 'deploy').needs, 'image');
  });

  it('gets AWS credentials through OIDC only (a role to assume, no access keys)', () => {
    const text = readRepoFile('.github', 'workflows', 'deploy.yml');
    assert.ok(!/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/.test(text));
    for (const name of ['image', 'deploy']) {
      const permissions = asRecord(job('deploy.yml', name).permissions, `${name} permissions`);
      assert.equal(permissions['id-token'], 'write', name);
      const credentials = steps('deploy.yml', name).find((s) =>
        s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
      );
      assert.ok(credentials?.with?.['role-to-assume'], `${name} assumes a role`);
    }
    const top = asRecord(workflow('deploy.yml').permissions, 'permissions');
    assert.deepEqual(top, { contents: 'read' }, 'no id-token for the reused CI job');
  });

  it('builds the image tagged with the commit SHA and pushes it to ECR', () => {
    const list = steps('deploy.yml', 'image');
    assert.ok(list.some((s) => s.uses?.startsWith('aws-actions/amazon-ecr-login@')));
    const build = list[stepIndex(list, /docker build/, 'builds the image')]?.run ?? '';
    assert.match(build, /image="\$REGISTRY\/\$ECR_REPOSITORY:\$GITHUB_SHA"/);
    assert.match(build, /docker build .*-t "\$image" \./);
    assert.match(build, /docker push "\$image"/);
  });

  it('migrates with the new image before the service is updated, then waits for stability', () => {
    const list = steps('deploy.yml', 'deploy');
    const register = stepIndex(list, /aws ecs register-task-definition/, 'registers revisions');
    const migrate = stepIndex(list, /aws ecs run-task/, 'runs the migration task');
    const update = stepIndex(list, /aws ecs update-service/, 'updates the service');
    const wait = stepIndex(list, /aws ecs wait services-stable/, 'waits for stability');
    assert.ok(register < migrate && migrate < update && update < wait);
    const migration = list[migrate]?.run ?? '';
    assert.match(migration, /aws ecs wait tasks-stopped/);
    assert.match(migration, /exitCode/);
    assert.match(migration, /exit 1/, 'a failed migration stops the deploy');
  });

  it('fails visibly when the circuit breaker rolls the deployment back', () => {
    const list = steps('deploy.yml', 'deploy');
    const wait = list[stepIndex(list, /aws ecs wait services-stable/, 'waits')]?.run ?? '';
    assert.match(wait, /rolloutState/);
    assert.match(wait, /FAILED[^)]*\)[\s\S]*?::error::[\s\S]*?exit 1/);
    assert.match(wait, /COMPLETED\)[\s\S]*?exit 0/);
  });
});
