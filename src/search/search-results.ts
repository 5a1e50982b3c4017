import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ArticleEntity } from '../articles/article.js';
import type { StoryGroup } from './dedupe.js';
import type { ProviderOutcome } from './fan-out.js';
import type { SentimentResult } from '../intelligence/sentiment/sentiment.js';
import type { HeadlineSentiment } from './headline-sentiment.js';
import type { StoryScorer } from './scoring.js';

/** One story as cached and returned: merged fields, sightings, score. Dates as ISO strings. */
export interface StoredResult {
  articleId: string | null;
  canonicalUrl: string;
  url: string;
  title: string;
  description: string | null;
  author: string | null;
  imageUrl: string | null;
  language: string | null;
  publishedAt: string;
  providers: string[];
  outlets: string[];
  sources: {
    provider: string;
    providerId: string;
    outlet: string | null;
    url: string | null;
    score: number | null;
    comments: number | null;
  }[];
  score: number;
  scoreBreakdown: { text: number; recency: number; agreement: number };
  /** The headline's sentiment (headline-sentiment.ts); null when no analyser is configured. */
  sentiment: SentimentResult | null;
  /** What the store's enrichment found in the story, when it had analysed it; else null. */
  entities: ArticleEntity[] | null;
}

/** The merged result set of one fan-out, cached under the results key. */
export interface ResultsEntry {
  fetchedAt: string;
  expiresAt: number;
  partial: boolean;
  persisted: boolean;
  outcomes: ProviderOutcome[];
  results: StoredResult[];
}

/**
 * Scores each deduplicated story and shapes it for the cache and the response; article ids and
 * entities are filled in by withStoreData once the write-through and the lookup have answered,
 * and headline sentiment by withSentiment for what is rendered (and for all before caching).
 */
export function toStoredResults(
  groups: readonly StoryGroup[],
  scorer: StoryScorer,
  options: { now: Date; providersAsked: number },
): StoredResult[] {
  return groups.map(({ story, members }) => {
    const breakdown = scorer.score(story, options);
    return {
      articleId: null,
      canonicalUrl: story.canonicalUrl,
      url: story.url,
      title: story.title,
      description: story.description,
      author: story.author,
      imageUrl: story.imageUrl,
      language: story.language,
      publishedAt: story.publishedAt.toISOString(),
      providers: story.providers,
      outlets: story.outlets,
      sources: members.map((m) => ({
        provider: m.source.provider,
        providerId: m.source.providerId,
        outlet: m.source.outlet,
        url: m.source.providerUrl,
        score: m.source.score,
        comments: m.source.comments,
      })),
      score: round(breakdown.total),
      scoreBreakdown: {
        text: round(breakdown.text),
        recency: round(breakdown.recency),
        agreement: round(breakdown.agreement),
      },
      sentiment: null,
      entities: null,
    };
  });
}

/**
 * What the store said, by canonical URL: each result's article id from the write-through, and
 * the entities of the stories it had already enriched.
 */
export function withStoreData(
  results: StoredResult[],
  articleIds: ReadonlyMap<string, string>,
  knownEntities: ReadonlyMap<string, ArticleEntity[]>,
): StoredResult[] {
  for (const result of results) {
    result.articleId = articleIds.get(result.canonicalUrl) ?? null;
    result.entities = knownEntities.get(result.canonicalUrl) ?? null;
  }
  return results;
}

/**
 * Headline sentiment for the results that have none yet (all of them stay null without an
 * analyser). A response needs it only for the page it renders, unless it filters or sorts by
 * sentiment: analysing ~90 headlines of the slowest provider's page was the largest piece of
 * CPU work left between that page's arrival and the response.
 */
export function withSentiment(
  results: readonly StoredResult[],
  sentiment: HeadlineSentiment | undefined,
): void {
  if (sentiment === undefined) return;
  for (const result of results) result.sentiment ??= sentiment.of(result.title);
}

/** Results handled between two turns of the event loop by cacheableEntry (well under 1 ms). */
const CACHE_SLICE = 16;

/**
 * The whole result set as the UTF-8 JSON the cache keeps (ResultsEntry), every result with its
 * headline sentiment, built after the response has gone. ~200 headlines to analyse and a 225 KB
 * document to serialise and encode are 5-15 ms of CPU; in one piece they held up whatever request
 * arrived meanwhile (in a run of back-to-back searches, every next one: 7 ms at the median). In
 * slices, with the event loop's other work in between, nothing waits longer than a slice.
 */
export async function cacheableEntry(
  entry: ResultsEntry,
  sentiment: HeadlineSentiment | undefined,
): Promise<Buffer> {
  const { results, ...rest } = entry;
  // Even the first slice waits a turn: the caller starts this as the response is rendered, and
  // its reply goes out in the same turn.
  await nextTurn();
  // '{"fetchedAt":…,"outcomes":[…]}' reopened: the results are appended as its last member.
  const parts = [Buffer.from(`${JSON.stringify(rest).slice(0, -1)},"results":[`)];
  for (let start = 0; start < results.length; start += CACHE_SLICE) {
    if (start > 0) await nextTurn();
    const slice = results.slice(start, start + CACHE_SLICE);
    withSentiment(slice, sentiment);
    const members = JSON.stringify(slice).slice(1, -1);
    parts.push(Buffer.from(start > 0 ? `,${members}` : members));
  }
  parts.push(Buffer.from(']}'));
  return Buffer.concat(parts);
}

export type ResultSort = 'relevance' | 'recency' | 'sentiment' | '-sentiment';

/**
 * Results in the requested order: score then recency, recency then score, or by headline
 * sentiment (most positive first, or most negative with the minus; then score), with results
 * that have no sentiment last.
 */
export function sortResults(results: readonly StoredResult[], sort: ResultSort): StoredResult[] {
  const byTime = (a: StoredResult, b: StoredResult) => b.publishedAt.localeCompare(a.publishedAt);
  const byScore = (a: StoredResult, b: StoredResult) => b.score - a.score;
  const sign = sort === '-sentiment' ? -1 : 1;
  const bySentiment = (a: StoredResult, b: StoredResult) =>
    a.sentiment === null || b.sentiment === null
      ? Number(a.sentiment === null) - Number(b.sentiment === null)
      : sign * (b.sentiment.score - a.sentiment.score);
  return [...results].sort((a, b) =>
    sort === 'relevance'
      ? byScore(a, b) || byTime(a, b)
      : sort === 'recency'
        ? byTime(a, b) || byScore(a, b)
        : bySentiment(a, b) || byScore(a, b) || byTime(a, b),
  );
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
