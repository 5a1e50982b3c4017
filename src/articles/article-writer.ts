import type { Db } from '../db/database.js';
import type { ArticleDraft } from './article.js';
import { upsertArticles } from './article.repository.js';

/**
 * Write-through of fetched drafts into the store, in one transaction; returns canonical URL ->
 * article id. Idempotent: the same drafts written twice leave the same rows.
 */
export async function persistDrafts(
  db: Db,
  drafts: readonly ArticleDraft[],
): Promise<ReadonlyMap<string, string>> {
  const ids = await upsertArticles(db, drafts);
  return new Map(drafts.map((draft, i) => [draft.canonicalUrl, ids[i] ?? '']));
}
