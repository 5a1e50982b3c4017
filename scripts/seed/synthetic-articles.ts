/**
 * Deterministic synthetic articles for load tests: a Zipf-distributed vocabulary (a few words in
 * most articles, a long tail of words in a few dozen), recurring multi-word phrases, a mix of
 * short agency copy and long features, dates spread over the requested span in publication order
 * (ingestion order follows publication order, as it does for a live feed), and 1–3 provider
 * sightings per story. Article i is the same for the same seed whatever batch produced it.
 */
import type { ArticleDraft } from '../../src/articles/article.js';
import { OUTLETS } from '../../src/sandbox/corpus/outlets.js';
import { FIRST_NAMES, LAST_NAMES } from '../../src/sandbox/corpus/vocab/people.js';
import { createRandom, type Random } from '../../src/sandbox/random.js';
import { createZipf, type Zipf } from './zipf.js';

/** Real words for the head of the distribution, most frequent first. */
export const HEAD_WORDS = (
  'said year people government new time percent minister country week report police million ' +
  'state market world president company election health city public support billion court ' +
  'officials party security service energy prices school workers water climate military war ' +
  'economy budget housing trade council leaders border police hospital families prison ' +
  'investigation strike vaccine bank inflation shares union protest refugees drought ' +
  'ceasefire tariffs wildfire satellite parliament referendum pension lawsuit merger ' +
  'earthquake scandal hurricane verdict coalition embargo telescope blockade'
)
  .split(' ')
  .filter((w, i, all) => all.indexOf(w) === i);

/** Phrases that recur as units, so phrase queries have realistic matches. */
export const PHRASES = [
  'prime minister',
  'interest rates',
  'climate change',
  'central bank',
  'supreme court',
  'world cup',
  'health service',
  'peace talks',
  'artificial intelligence',
  'housing crisis',
  'energy prices',
  'general election',
  'cost of living',
  'human rights',
  'stock market',
  'power grid',
  'heat wave',
  'trade deal',
  'north sea',
  'space station',
];

/** Every seeded article's canonical URL starts with this. */
export const SEED_URL_PREFIX = 'https://seed.newsroom.example/a/';

const STOP_WORDS = ['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'with', 'as'];
const SYLLABLES =
  'ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo'.split(
    ' ',
  );
const ENDINGS = ['n', 'r', 'l', 't', 'm', 'x', 'k'];
const LANGUAGES: readonly (readonly [string, number])[] = [
  ['en', 85],
  ['de', 4],
  ['fr', 4],
  ['es', 4],
  ['it', 3],
];
const GUARDIAN_SECTIONS = ['World news', 'UK news', 'Business', 'Environment', 'Sport', 'Politics'];
const SUBREDDITS = ['r/worldnews', 'r/news', 'r/politics', 'r/technology', 'r/science'];
const OUTLET_NAMES = OUTLETS.map((o) => o.name);

export interface CorpusOptions {
  seed: string;
  /** How many articles the whole corpus has (spreads dates evenly over the span). */
  count: number;
  /** Newest publication time; articles go back `spanDays` from here. */
  until: Date;
  spanDays: number;
  vocabularySize: number;
}

export interface Corpus {
  /** The vocabulary, most frequent first; `word(rank)` for rank 1..vocabularySize. */
  word(rank: number): string;
  /** The drafts (one per provider sighting) of articles [from, to). */
  drafts(from: number, to: number): ArticleDraft[];
}

/** The corpus for these options; building it costs about a second (the Zipf tables). */
export function createCorpus(options: CorpusOptions): Corpus {
  const words = buildVocabulary(options.vocabularySize);
  const vocabulary = createZipf(options.vocabularySize, 1.0);
  const phrases = createZipf(PHRASES.length, 1.1);
  const outlets = createZipf(OUTLET_NAMES.length, 0.9);
  const word = (rank: number): string => words[rank - 1] ?? 'unknown';
  const spanMs = options.spanDays * 86_400_000;
  const sample: Samplers = { word, vocabulary, phrases };

  return {
    word,
    drafts(from, to) {
      const out: ArticleDraft[] = [];
      for (let i = from; i < to; i += 1) {
        const random = createRandom(`${options.seed}:${i}`);
        const base = options.until.getTime() - spanMs * (1 - i / options.count);
        const publishedAt = new Date(Math.floor((base - random.next() * 3_600_000) / 1000) * 1000);
        out.push(...article(i, publishedAt, random, sample, outlets));
      }
      return out;
    },
  };
}

interface Samplers {
  word(rank: number): string;
  vocabulary: Zipf;
  phrases: Zipf;
}

function article(
  i: number,
  publishedAt: Date,
  random: Random,
  sample: Samplers,
  outlets: Zipf,
): ArticleDraft[] {
  const title = capitalise(text(random, sample, random.int(6, 12), 0.05));
  const description = sentences(random, sample, random.int(15, 35));
  const length = random.weighted([
    [random.int(20, 40), 4],
    [random.int(80, 200), 4],
    [random.int(300, 600), 2],
  ] as const);
  const content = sentences(random, sample, length);
  // The URL depends on the index and seed only, so re-seeding (any count) upserts the same rows.
  const slug = title.toLowerCase().split(' ').slice(0, 5).join('-');
  const url = `${SEED_URL_PREFIX}${i.toString(36)}/${slug}`;
  const base = {
    canonicalUrl: url,
    url,
    title,
    description,
    content,
    author: random.chance(0.7) ? `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}` : null,
    imageUrl: random.chance(0.6) ? `https://img.seed.newsroom.example/${i.toString(36)}.jpg` : null,
    language: random.weighted(LANGUAGES),
    publishedAt,
  };
  const outlet = OUTLET_NAMES[outlets.sample(random.next()) - 1] ?? 'Reuters';
  const drafts: ArticleDraft[] = [];
  const sighting = (
    provider: string,
    providerId: string,
    source: Partial<ArticleDraft['source']>,
  ) =>
    drafts.push({
      ...base,
      source: {
        provider,
        providerId,
        outlet: null,
        providerUrl: url,
        score: null,
        comments: null,
        ...source,
      },
    });
  const inGuardian = random.chance(0.25);
  const inReddit = random.chance(0.35);
  if (random.chance(0.6) || (!inGuardian && !inReddit)) sighting('newsapi', url, { outlet });
  if (inGuardian) {
    sighting('guardian', `seed/${i.toString(36)}`, { outlet: random.pick(GUARDIAN_SECTIONS) });
  }
  if (inReddit) {
    sighting('reddit', `t3_seed${i.toString(36)}`, {
      outlet: random.pick(SUBREDDITS),
      score: Math.floor(random.next() ** 3 * 40_000),
      comments: Math.floor(random.next() ** 3 * 3_000),
    });
  }
  return drafts;
}

/** `count` content words (plus stop words between them), with the odd phrase mixed in. */
function text(random: Random, sample: Samplers, count: number, phraseRate: number): string {
  const out: string[] = [];
  for (let n = 0; n < count; n += 1) {
    if (random.chance(phraseRate)) {
      out.push(PHRASES[sample.phrases.sample(random.next()) - 1] ?? '');
    } else {
      out.push(sample.word(sample.vocabulary.sample(random.next())));
    }
    if (random.chance(0.35)) out.push(random.pick(STOP_WORDS));
  }
  return out.join(' ');
}

function sentences(random: Random, sample: Samplers, words: number): string {
  const out: string[] = [];
  for (let left = words; left > 0;) {
    const n = Math.min(left, random.int(8, 18));
    out.push(`${capitalise(text(random, sample, n, 0.02))}.`);
    left -= n;
  }
  return out.join(' ');
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** Real head words, then pronounceable pseudo-words (unique, at least two syllables). */
function buildVocabulary(size: number): string[] {
  const words = HEAD_WORDS.slice(0, size);
  const n = SYLLABLES.length;
  for (let k = 0; words.length < size; k += 1) {
    const syllables = k < n * n ? 2 : k < n * n * n ? 3 : 4;
    let rest = k;
    let w = '';
    for (let s = 0; s < syllables; s += 1) {
      w += SYLLABLES[rest % n] ?? '';
      rest = Math.floor(rest / n);
    }
    words.push(w + (ENDINGS[k % ENDINGS.length] ?? ''));
  }
  return words;
}
