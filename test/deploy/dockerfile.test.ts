import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execForm, find, parseDockerfile, splitFlags, type Stage } from './dockerfile.js';
import { loadEnvContract, readRepoFile, repoFileExists } from './repo-files.js';

const dockerfile = parseDockerfile(readRepoFile('Dockerfile'));
const runtime = dockerfile.stages.at(-1);
const contract = loadEnvContract();
const dockerignored = readRepoFile('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

function stageNamed(name: string): Stage {
  const stage = dockerfile.stages.find((s) => s.name === name);
  assert.ok(stage, `a stage named ${name}`);
  return stage;
}

function envOf(stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  for (const { args } of find(stage, 'ENV')) {
    for (const [, name = '', value = ''] of args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) {
      env.set(name, value);
    }
  }
  return env;
}

/** Where a compiled entry point comes from: dist/<path>.js is built from <path>.ts. */
function sourceOf(compiled: string): string {
  const match = /^dist\/(.+)\.js$/.exec(compiled);
  assert.ok(match?.[1], `${compiled} is a compiled file under dist/`);
  return `${match[1]}.ts`;
}

describe('Dockerfile', () => {
  it('builds in stages from one pinned Node LTS base (an even major of 22 or later, slim)', () => {
    assert.ok(dockerfile.stages.length >= 3, 'build, production dependencies, runtime');
    for (const stage of dockerfile.stages) {
      const match = /^node:(\d+)\.\d+\.\d+-bookworm-slim$/.exec(stage.image);
      assert.ok(match, `${stage.image}: node:<major.minor.patch>-bookworm-slim, never latest`);
      const major = Number(match[1]);
      assert.ok(major >= 22 && major % 2 === 0, `${stage.image}: a supported LTS line`);
    }
  });

  it('installs every dependency and compiles TypeScript in the build stage', () => {
    const build = stageNamed('build');
    const runs = find(build, 'RUN').map((i) => i.args);
    assert.ok(runs.some((r) => /^npm ci\b/.test(r) && !r.includes('--omit=dev')));
    const compile = runs.find((r) => r.includes('tsc -p'));
    assert.ok(compile, 'tsc compiles to dist/');
    const project = /tsc -p (\S+)/.exec(compile)?.[1] ?? '';
    assert.ok(repoFileExists(project), `${project} exists`);
  });

  it('copies into build stages only files that exist in the repository', () => {
    for (const stage of dockerfile.stages) {
      for (const copy of find(stage, 'COPY')) {
        const { flags, rest } = splitFlags(copy.args);
        if (flags.has('from')) continue;
        const sources = rest.split(/\s+/).slice(0, -1);
        assert.ok(sources.length > 0, `line ${copy.line}: COPY names a source`);
        for (const source of sources) {
          assert.ok(repoFileExists(source), `line ${copy.line}: ${source} exists`);
          assert.ok(!dockerignored.includes(source), `line ${copy.line}: ${source} not ignored`);
        }
      }
    }
  });

  it('gives the runtime production dependencies only, from their own stage', () => {
    const deps = stageNamed('prod-deps');
    assert.ok(find(deps, 'RUN').some((i) => /npm ci\b.*--omit=dev/.test(i.args)));
    assert.ok(runtime);
    const fromStages = find(runtime, 'COPY').map((i) => splitFlags(i.args));
    const modules = fromStages.find((c) => c.rest.includes('node_modules'));
    assert.equal(modules?.flags.get('from'), 'prod-deps', 'node_modules come from prod-deps');
    assert.ok(fromStages.some((c) => c.flags.get('from') === 'build' && c.rest.includes('dist')));
    assert.ok(
      fromStages.some((c) => c.rest.startsWith('package.json')),
      'package.json ("type": "module") sits beside dist/',
    );
  });

  it('runs as a non-root user with NODE_ENV=production', () => {
    assert.ok(runtime);
    const user = find(runtime, 'USER').at(-1)?.args;
    assert.ok(user !== undefined && !['root', '0', '0:0'].includes(user), `USER ${user}`);
    assert.equal(envOf(runtime).get('NODE_ENV'), 'production');
  });

  it('listens where the env contract says, on all interfaces', () => {
    assert.ok(runtime);
    const env = envOf(runtime);
    assert.equal(env.get('PORT'), contract.environment.PORT);
    assert.equal(env.get('HOST'), '0.0.0.0');
    assert.deepEqual(
      find(runtime, 'EXPOSE').map((i) => i.args),
      [contract.environment.PORT],
    );
  });

  it('checks its own health on /health/live with node (no curl in slim images)', () => {
    assert.ok(runtime);
    const [healthcheck] = find(runtime, 'HEALTHCHECK');
    assert.ok(healthcheck, 'a HEALTHCHECK');
    const { flags, rest } = splitFlags(healthcheck.args);
    assert.ok(flags.has('interval') && flags.has('timeout') && flags.has('start-period'));
    assert.ok(rest.startsWith('CMD '));
    const command = execForm(rest.slice('CMD '.length));
    assert.equal(command?.[0], 'node');
    assert.ok(command.join(' ').includes('/health/live'));
  });

  it('forwards signals through tini and starts the API by default', () => {
    assert.ok(runtime);
    assert.ok(
      find(runtime, 'RUN').some((i) => i.args.includes('install') && i.args.includes('tini')),
    );
    assert.deepEqual(execForm(find(runtime, 'ENTRYPOINT').at(-1)?.args ?? ''), [
      '/usr/bin/tini',
      '--',
    ]);
    const cmd = execForm(find(runtime, 'CMD').at(-1)?.args ?? '');
    assert.deepEqual(cmd?.slice(0, 1), ['node']);
    assert.equal(sourceOf(cmd[1] ?? ''), 'src/main-api.ts');
    assert.ok(repoFileExists('src/main-api.ts'));
  });

  it('documents the worker and migration commands, whose sources the build compiles', () => {
    const text = readRepoFile('Dockerfile');
    for (const compiled of ['dist/src/main-worker.js', 'dist/scripts/db-migrate.js']) {
      assert.ok(text.includes(`node ${compiled}`), `${compiled} named in the Dockerfile`);
      assert.ok(repoFileExists(sourceOf(compiled)), `${sourceOf(compiled)} exists`);
    }
    const build = JSON.parse(readRepoFile('deploy', 'tsconfig.build.json')) as {
      include: string[];
    };
    assert.ok(build.include.includes('../src/**/*.ts'));
    assert.ok(build.include.includes('../scripts/db-migrate.ts'));
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, build output, local data, secrets and git out of the context', () => {
    const ignored = dockerignored;
    for (const entry of ['node_modules', 'dist', '.data', '.env', '.git', 'coverage', 'infra']) {
      assert.ok(ignored.includes(entry), `${entry} is ignored`);
    }
    for (const needed of ['src', 'scripts', 'package.json', 'package-lock.json', 'deploy']) {
      assert.ok(!ignored.includes(needed), `${needed} reaches the build`);
    }
  });
});

describe('parseDockerfile', () => {
  it('joins continuations, skips comments and substitutes global ARG defaults', () => {
    const parsed = parseDockerfile(
      [
        'ARG BASE=node:24.0.0-bookworm-slim',
        '# a comment',
        'FROM ${BASE} AS build',
        'RUN apt-get update \\',
        '  # inside',
        '  && echo done',
        'FROM $BASE',
        'CMD ["node", "x.js"]',
      ].join('\n'),
    );
    assert.deepEqual(
      parsed.stages.map((s) => [s.image, s.name]),
      [
        ['node:24.0.0-bookworm-slim', 'build'],
        ['node:24.0.0-bookworm-slim', undefined],
      ],
    );
    assert.equal(parsed.stages[0]?.instructions[0]?.args, 'apt-get update && echo done');
    assert.deepEqual(execForm(parsed.stages[1]?.instructions[0]?.args ?? ''), ['node', 'x.js']);
  });
});
