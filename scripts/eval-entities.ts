/**
 * `npm run eval:entities [-- --holdout] [-- --misses]`: scores the entity extractor against the
 * hand-labelled headlines in eval/entity-headlines.json (or, with --holdout,
 * eval/entity-headlines-holdout.json, written after the gazetteer and rules were frozen). A hit is an exact match of normalised keys (titles,
 * case, accents, possessives folded) within the same kind. Prints per-kind and overall (micro)
 * precision/recall/F1; `--misses` lists every missed and spurious entity.
 */
import { readFileSync } from 'node:fs';
import { createEntityExtractor, type EntityKind } from '../src/intelligence/entities/index.js';
import { entityKey } from '../src/intelligence/entities/entity-key.js';

const FILE = process.argv.includes('--holdout')
  ? 'eval/entity-headlines-holdout.json'
  : 'eval/entity-headlines.json';
const KINDS = [
  ['person', 'people'],
  ['organisation', 'organisations'],
  ['place', 'places'],
] as const satisfies readonly (readonly [EntityKind, string])[];

type Expected = Record<EntityKind, string[]>;
interface LabelledHeadline {
  text: string;
  expected: Expected;
}

function loadHeadlines(): LabelledHeadline[] {
  const raw: unknown = JSON.parse(readFileSync(new URL(`../${FILE}`, import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${FILE} must hold an array`);
  return raw.map((item: unknown, index) => {
    const record = (item ?? {}) as Record<string, unknown>;
    const lists = KINDS.map(([, field]) => record[field]);
    const valid = lists.every((l) => Array.isArray(l) && l.every((n) => typeof n === 'string'));
    if (typeof record.text !== 'string' || !valid) {
      throw new Error(`${FILE} item ${index} needs text, people, organisations and places`);
    }
    const [person, organisation, place] = lists as [string[], string[], string[]];
    return { text: record.text, expected: { person, organisation, place } };
  });
}

const extractor = createEntityExtractor();
const headlines = loadHeadlines();
const tally = new Map(KINDS.map(([kind]) => [kind, { tp: 0, fp: 0, fn: 0 }]));
const misses: string[] = [];

const started = performance.now();
const extracted = headlines.map(({ text }) => extractor.extract(text));
const elapsedMs = performance.now() - started;

headlines.forEach(({ text, expected }, index) => {
  for (const [kind] of KINDS) {
    const counts = tally.get(kind);
    if (counts === undefined) continue;
    const wanted = new Set(expected[kind].map(entityKey));
    const found = new Set(
      (extracted[index] ?? []).filter((e) => e.kind === kind).map((e) => e.key),
    );
    for (const key of found) {
      if (wanted.has(key)) counts.tp += 1;
      else {
        counts.fp += 1;
        misses.push(`  spurious ${kind.padEnd(12)} ${key.padEnd(24)} ${text}`);
      }
    }
    for (const key of wanted) {
      if (found.has(key)) continue;
      counts.fn += 1;
      misses.push(`  missed   ${kind.padEnd(12)} ${key.padEnd(24)} ${text}`);
    }
  }
});

const pct = (value: number): string => (Number.isNaN(value) ? '-' : (value * 100).toFixed(1));
function line(label: string, { tp, fp, fn }: { tp: number; fp: number; fn: number }): string {
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const f1 = (2 * precision * recall) / (precision + recall);
  const cells = [pct(precision), pct(recall), pct(f1), tp + fn].map((c) => String(c).padStart(9));
  return `${label.padEnd(13)}${cells.join('')}`;
}

console.log(
  `Entities: ${extractor.name} ${extractor.version} on ${headlines.length} headlines (${FILE})`,
);
console.log(`(${(elapsedMs / headlines.length).toFixed(2)} ms per headline, cold)\n`);
console.log(
  `${'kind'.padEnd(13)}${['precision', 'recall', 'F1', 'expected'].map((h) => h.padStart(9)).join('')}`,
);
const overall = { tp: 0, fp: 0, fn: 0 };
for (const [kind] of KINDS) {
  const counts = tally.get(kind) ?? overall;
  console.log(line(kind, counts));
  overall.tp += counts.tp;
  overall.fp += counts.fp;
  overall.fn += counts.fn;
}
console.log(line('overall', overall));
if (process.argv.includes('--misses'))
  console.log(`\nmisses (${misses.length}):\n${misses.join('\n')}`);
