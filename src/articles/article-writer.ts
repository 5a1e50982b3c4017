import type { Db } from '../db/database.js';
import type { ArticleDraft } from './article.js';
import { writeArticles } from './article.repository.js';

export interface PersistOptions {
  /** Called after a successful write with the ids of the articles it created (maybe none). */
  onInserted?: (ids: readonly string[]) => void;
}

/**
 * Write-through of fetched drafts into the store, in one transaction; returns canonical URL ->
 * article id. Idempotent: the same drafts written twice leave the same rows.
 */
export async function persistDrafts(
  db: Db,
  drafts: readonly ArticleDraft[],
  options: PersistOptions = {},
): Promise<ReadonlyMap<string, string>> {
  const { ids, inserted } = await writeArticles(db, drafts);
  if (inserted.length > 0) options.onInserted?.(inserted);
  return new Map(drafts.map((draft, i) => [draft.canonicalUrl, ids[i] ?? '']));
}
