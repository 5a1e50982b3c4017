import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import prettier from 'prettier';
import type { Db } from '../../src/db/database.js';
import type { RunResult } from './store-search-measure.js';
import type { FloorResult } from './store-search-floor.js';

export interface ClassResult {
  name: string;
  /** Typical exact number of matching articles. */
  matches: number;
  runs: RunResult[];
}

export interface Environment {
  articles: number;
  postgres: string;
  settings: string;
  machine: string;
  iterations: number;
  /** Whether the store was read into the OS cache first (pg_prewarm). */
  warmed?: boolean;
}

const DOC = 'docs/performance.md';
const START = '<!-- store-search:start -->';
const END = '<!-- store-search:end -->';

/** What the figures were measured on. */
export async function environment(db: Db, iterations: number): Promise<Environment> {
  const { rows } = await sql<{ n: number; v: string; sb: string; wm: string }>`
    select (select count(*)::int from articles) as n, current_setting('server_version') as v,
      current_setting('shared_buffers') as sb, current_setting('work_mem') as wm`.execute(db);
  const row = rows[0];
  const cpus = os.cpus();
  return {
    articles: row?.n ?? 0,
    postgres: `PostgreSQL ${row?.v ?? '?'}`,
    settings: `shared_buffers ${row?.sb ?? '?'}, work_mem ${row?.wm ?? '?'}`,
    machine:
      `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
    iterations,
  };
}

/** The results as a Markdown table; written into docs/performance.md when `write` is set. */
export async function writeReport(
  results: ClassResult[],
  floor: FloorResult[],
  env: Environment,
  command: string,
  write: boolean,
): Promise<string> {
  const ms = (n: number) => n.toFixed(1);
  const header =
    '| Query class | Matches | 1 client p50 / p95 / p99 | 20 clients p50 / p95 / p99 | q/s at 20 | Errors |\n' +
    '| --- | ---: | ---: | ---: | ---: | ---: |';
  const cell = (run: RunResult | undefined) =>
    run === undefined ? '–' : `${ms(run.p50)} / ${ms(run.p95)} / ${ms(run.p99)}`;
  const lines = results.map((r) => {
    const [one, twenty] = r.runs;
    const errors = r.runs.reduce((sum, run) => sum + run.errors, 0);
    return `| ${r.name} | ${r.matches.toLocaleString('en')} | ${cell(one)} | ${cell(twenty)} | ${Math.round(twenty?.perSecond ?? 0)} | ${errors} |`;
  });
  const floorLines = floor.map((f) => {
    const [one, twenty] = f.runs;
    return `| very common term: ${f.name} | ${cell(one)} | ${cell(twenty)} | ${Math.round(twenty?.perSecond ?? 0)} |`;
  });
  const floorTable =
    floor.length === 0
      ? ''
      : [
          '| Floor (PostgreSQL alone, bare client) | 1 client p50 / p95 / p99 | 20 clients p50 / p95 / p99 | q/s at 20 |',
          '| --- | ---: | ---: | ---: |',
          ...floorLines,
        ].join('\n');
  const table = [header, ...lines].join('\n') + (floorTable === '' ? '' : `\n\n${floorTable}`);
  if (!write) return table;
  const section = [
    START,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${command}\` on ${env.machine};`,
    `${env.postgres} (${env.settings}); ${env.articles.toLocaleString('en')} articles from`,
    '`npm run db:seed`. Latency in milliseconds of `ArticleService.list` (strategy choice, ranking,',
    `snippets, cursor; limit 20, default sort), ${env.iterations} queries per class and concurrency,`,
    env.warmed === true
      ? 'after reading the store into the OS page cache (pg_prewarm) and one warm-up pass.'
      : 'after one warm-up pass (pg_prewarm unavailable: first reads may come from disk).',
    'Matches: the exact number of articles matching the first query of the class.',
    ...(floor.length === 0
      ? []
      : [
          'Floor: the same answer for the very common class as one statement per search on',
          'dedicated connections, nothing of ours around it (`scripts/bench/store-search-floor.ts`).',
        ]),
    '',
    table,
    '',
    END,
  ].join('\n');
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Performance\n';
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + section + current.slice(to + END.length)
      : `${current.trimEnd()}\n\n## Store search benchmark\n\n${section}\n`;
  // The document is checked by `npm run format:check`; the generated table must pass it.
  const options = (await prettier.resolveConfig(DOC)) ?? {};
  writeFileSync(DOC, await prettier.format(next, { ...options, filepath: DOC }));
  return table;
}
