/**
 * Prints the configuration table for the README from the config schema (the one source of
 * truth). `npm run docs:config` prints it, `-- --write` updates README.md; a test fails when the
 * README's copy drifts.
 */
import { describeConfig } from '../src/config.js';

/** The Markdown table of every environment variable. */
export function configTable(): string {
  const rows = describeConfig().map(
    (r) =>
      `| \`${r.name}\` | ${r.fallback.startsWith('(') ? r.fallback : `\`${r.fallback}\``} | ${r.description} |`,
  );
  return ['| Variable | Default | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}

async function writeReadme(): Promise<void> {
  const { readFile, writeFile } = await import('node:fs/promises');
  const readme = await readFile('README.md', 'utf8');
  const updated = readme.replace(
    /<!-- config:start -->[\s\S]*<!-- config:end -->/,
    `<!-- config:start -->\n\n${configTable()}\n\n<!-- config:end -->`,
  );
  await writeFile('README.md', updated);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--write')) await writeReadme();
  else process.stdout.write(`${configTable()}\n`);
}
