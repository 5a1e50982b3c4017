import type { Db } from '../db/database.js';
import type { ArticleDraft } from './article.js';
import { writeArticles } from './article.repository.js';

export interface PersistOptions {
  /** Called after a successful write with the ids of the articles it created (maybe none). */
  onInserted?: (ids: readonly string[]) => void;
  /**
   * Write in up to this many transactions at once, each a contiguous range of canonical URLs:
   * computing the rows' search vectors is most of a write's time, and two connections put two
   * cores on it. Locks are still taken in one global order (URL, then source), so concurrent
   * writes cannot deadlock. Default 1.
   */
  parallel?: number;
}

/** Below this many drafts a batch is written in one transaction whatever `parallel` says. */
const MIN_CHUNK = 25;

/**
 * Write-through of fetched drafts into the store, in one transaction; returns canonical URL ->
 * article id. Idempotent: the same drafts written twice leave the same rows.
 */
export async function persistDrafts(
  db: Db,
  drafts: readonly ArticleDraft[],
  options: PersistOptions = {},
): Promise<ReadonlyMap<string, string>> {
  const written = await Promise.all(
    chunksByUrl(drafts, options.parallel ?? 1).map(async (chunk) => {
      const { ids, inserted } = await writeArticles(db, chunk);
      if (inserted.length > 0) options.onInserted?.(inserted);
      return chunk.map((draft, i) => [draft.canonicalUrl, ids[i] ?? ''] as const);
    }),
  );
  return new Map(written.flat());
}

/** Up to `count` chunks of about equal size; a canonical URL's drafts stay in one chunk. */
function chunksByUrl(drafts: readonly ArticleDraft[], count: number): ArticleDraft[][] {
  const chunks = Math.min(Math.floor(count), Math.floor(drafts.length / MIN_CHUNK));
  if (chunks <= 1) return [[...drafts]];
  const sorted = [...drafts].sort((a, b) =>
    a.canonicalUrl < b.canonicalUrl ? -1 : a.canonicalUrl > b.canonicalUrl ? 1 : 0,
  );
  const size = Math.ceil(sorted.length / chunks);
  const out: ArticleDraft[][] = [[]];
  for (const draft of sorted) {
    const current = out.at(-1) ?? [];
    const previous = current.at(-1);
    if (current.length >= size && previous?.canonicalUrl !== draft.canonicalUrl) out.push([draft]);
    else current.push(draft);
  }
  return out;
}
