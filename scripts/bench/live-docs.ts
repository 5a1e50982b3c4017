/** Writes one marked section of docs/performance.md, leaving every other section as it was. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';

export const PERFORMANCE_DOC = 'docs/performance.md';

/** The skeleton when the file does not exist yet: both benchmarks' marker pairs, both empty. */
const SKELETON = [
  '# Performance',
  '',
  '## Live search benchmark',
  '',
  '<!-- live-search:start -->',
  '<!-- live-search:end -->',
  '',
  '## Store search benchmark',
  '',
  '<!-- store-search:start -->',
  '<!-- store-search:end -->',
  '',
].join('\n');

/**
 * Replaces what lies between `<!-- name:start -->` and `<!-- name:end -->` with `body`, formatted
 * as Prettier would (so `npm run format:check` stays green after a benchmark run).
 */
export async function writeSection(
  name: string,
  title: string,
  body: string,
  file = PERFORMANCE_DOC,
): Promise<void> {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  let current = existsSync(file) ? readFileSync(file, 'utf8') : SKELETON;
  if (!current.includes(start) || current.indexOf(end) < current.indexOf(start)) {
    // The file exists (the other benchmark made it) but has no section of ours yet.
    current = `${current.trimEnd()}\n\n## ${title}\n\n${start}\n${end}\n`;
  }
  const from = current.indexOf(start) + start.length;
  const to = current.indexOf(end, from);
  mkdirSync(dirname(file), { recursive: true });
  const options = { ...(await resolveConfig(file)), parser: 'markdown' };
  const formatted = (await format(body, options)).trim();
  writeFileSync(file, `${current.slice(0, from)}\n\n${formatted}\n\n${current.slice(to)}`);
}
