import type { Db } from '../db/database.js';
import type { ArticleDraft } from './article.js';
import { upsertArticle } from './article.repository.js';

/**
 * Write-through of fetched drafts into the store; returns canonical URL -> article id. Idempotent:
 * the same drafts written twice leave the same rows.
 */
export async function persistDrafts(
  db: Db,
  drafts: readonly ArticleDraft[],
): Promise<ReadonlyMap<string, string>> {
  const ids = new Map<string, string>();
  for (const draft of drafts) ids.set(draft.canonicalUrl, await upsertArticle(db, draft));
  return ids;
}
