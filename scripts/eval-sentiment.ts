/**
 * `npm run eval:sentiment [-- --holdout] [-- --misses]`: scores the sentiment analyser against the
 * hand-labelled headlines in eval/sentiment-headlines.json (or, with --holdout,
 * eval/sentiment-headlines-holdout.json, written after the headline lexicon was frozen). Prints
 * accuracy (and plain VADER's, for comparison), per-class precision/recall/F1 and a confusion
 * matrix; `--misses` also lists every headline the analyser got wrong.
 */
import { readFileSync } from 'node:fs';
import vader from 'vader-sentiment';
import {
  createSentimentAnalyser,
  type SentimentLabel,
} from '../src/intelligence/sentiment/index.js';

type ExpectedLabel = 'positive' | 'neutral' | 'negative';
interface LabelledHeadline {
  text: string;
  label: ExpectedLabel;
}

const EXPECTED: readonly ExpectedLabel[] = ['positive', 'neutral', 'negative'];
const PREDICTED: readonly SentimentLabel[] = [...EXPECTED, 'unsupported'];

const FILE = process.argv.includes('--holdout')
  ? 'eval/sentiment-headlines-holdout.json'
  : 'eval/sentiment-headlines.json';

function loadHeadlines(): LabelledHeadline[] {
  const url = new URL(`../${FILE}`, import.meta.url);
  const raw: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${FILE} must hold an array`);
  return raw.map((item: unknown, index) => {
    const { text, label } = (item ?? {}) as Record<string, unknown>;
    if (typeof text !== 'string' || !EXPECTED.includes(label as ExpectedLabel)) {
      throw new Error(`${FILE} item ${index} needs a text and a label`);
    }
    return { text, label: label as ExpectedLabel };
  });
}

const pad = (value: string | number, width: number): string => String(value).padStart(width);
const pct = (value: number): string => (Number.isNaN(value) ? '   -  ' : (value * 100).toFixed(1));

const analyser = createSentimentAnalyser();
const headlines = loadHeadlines();
// confusion[expected][predicted] = count
const confusion = new Map(EXPECTED.map((e) => [e, new Map(PREDICTED.map((p) => [p, 0]))] as const));
const misses: string[] = [];
for (const { text, label } of headlines) {
  const result = analyser.analyse(text);
  const row = confusion.get(label);
  row?.set(result.label, (row.get(result.label) ?? 0) + 1);
  if (result.label !== label) {
    misses.push(
      `  ${label.padEnd(8)} -> ${result.label.padEnd(11)} ${pad(result.score.toFixed(3), 6)}  ${text}`,
    );
  }
}

const count = (expected: ExpectedLabel, predicted: SentimentLabel): number =>
  confusion.get(expected)?.get(predicted) ?? 0;
const correct = EXPECTED.reduce((sum, label) => sum + count(label, label), 0);
// Plain VADER (raw text, standard thresholds): what the hygiene and headline lexicon add.
const plainCorrect = headlines.filter(({ text, label }) => {
  const compound = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  return (compound >= 0.05 ? 'positive' : compound <= -0.05 ? 'negative' : 'neutral') === label;
}).length;

console.log(
  `Sentiment: ${analyser.name} ${analyser.version} on ${headlines.length} headlines (${FILE})`,
);
console.log(`Accuracy: ${pct(correct / headlines.length)}% (${correct}/${headlines.length})`);
console.log(`Plain VADER accuracy: ${pct(plainCorrect / headlines.length)}%\n`);
console.log('class       precision  recall     F1  support');
let macroF1 = 0;
for (const label of EXPECTED) {
  const truePositives = count(label, label);
  const predicted = EXPECTED.reduce((sum, e) => sum + count(e, label), 0);
  const support = PREDICTED.reduce((sum, p) => sum + count(label, p), 0);
  const precision = truePositives / predicted;
  const recall = truePositives / support;
  const f1 = (2 * precision * recall) / (precision + recall);
  macroF1 += (Number.isNaN(f1) ? 0 : f1) / EXPECTED.length;
  console.log(
    `${label.padEnd(10)} ${pad(pct(precision), 10)} ${pad(pct(recall), 7)} ${pad(pct(f1), 6)} ${pad(support, 8)}`,
  );
}
console.log(`macro F1: ${pct(macroF1)}\n`);

console.log('confusion (rows: expected, columns: predicted)');
console.log(`${''.padEnd(10)}${PREDICTED.map((p) => pad(p, 12)).join('')}`);
for (const label of EXPECTED) {
  console.log(`${label.padEnd(10)}${PREDICTED.map((p) => pad(count(label, p), 12)).join('')}`);
}
if (process.argv.includes('--misses'))
  console.log(`\nmisses (${misses.length}):\n${misses.join('\n')}`);
