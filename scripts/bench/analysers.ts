/**
 * `node --import tsx scripts/bench/analysers.ts`: analyses per second on one core for the
 * sentiment analyser and the entity extractor over the eval headlines. Each runs a warm-up pass
 * first (JIT, compromise's lazy lexicon), then as many passes as fit in ~2 s.
 */
import { readFileSync } from 'node:fs';
import { createEntityExtractor } from '../../src/intelligence/entities/index.js';
import { createSentimentAnalyser } from '../../src/intelligence/sentiment/index.js';

function headlines(file: string): string[] {
  const raw: unknown = JSON.parse(
    readFileSync(new URL(`../../eval/${file}`, import.meta.url), 'utf8'),
  );
  return (raw as { text: string }[]).map((item) => item.text);
}

const texts = [...headlines('sentiment-headlines.json'), ...headlines('entity-headlines.json')];

function measure(run: (text: string) => unknown): { perSecond: number; meanUs: number } {
  for (let pass = 0; pass < 3; pass += 1) texts.forEach(run); // warm-up
  let analyses = 0;
  const started = performance.now();
  while (performance.now() - started < 2_000) {
    texts.forEach(run);
    analyses += texts.length;
  }
  const elapsedMs = performance.now() - started;
  return { perSecond: (analyses / elapsedMs) * 1000, meanUs: (elapsedMs * 1000) / analyses };
}

const sentiment = createSentimentAnalyser();
const entities = createEntityExtractor();
const rows = [
  [`sentiment (${sentiment.name} ${sentiment.version})`, measure((t) => sentiment.analyse(t))],
  [`entities (${entities.name} ${entities.version})`, measure((t) => entities.extract(t))],
] as const;

console.log(`${texts.length} headlines, one core, Node ${process.version}\n`);
console.log(`${'analyser'.padEnd(30)}${'per second'.padStart(12)}${'mean µs'.padStart(10)}`);
for (const [label, { perSecond, meanUs }] of rows) {
  console.log(
    `${label.padEnd(30)}${Math.round(perSecond).toString().padStart(12)}${meanUs.toFixed(0).padStart(10)}`,
  );
}
