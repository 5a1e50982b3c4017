/**
 * Prints the configuration table for the README from the config schema (the one source of
 * truth). `npm run docs:config` shows it; a test fails when the README's copy drifts.
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

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${configTable()}\n`);
