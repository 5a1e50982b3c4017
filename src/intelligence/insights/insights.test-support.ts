import { upsertArticles } from '../../articles/article.repository.js';
import type { Db } from '../../db/database.js';
import { articleDraft } from '../../../test/factories.js';
import type { EntityKind, ExtractedEntity } from '../entities/entities.js';
import { saveEnrichments } from '../enrichment/enrichment.repository.js';

/** What a test article is: when, from whom, and (optionally) what enrichment found in it. */
export interface FixtureArticle {
  title: string;
  publishedAt: Date;
  providers?: string[];
  /** Omitted: the article stays unanalysed. */
  score?: number;
  label?: 'positive' | 'neutral' | 'negative' | 'unsupported';
  entities?: [EntityKind, string, number?][];
}

const VERSIONS = {
  analyser: 'fixture',
  analyserVersion: '1',
  extractor: 'fixture',
  extractorVersion: '1',
};

/**
 * Stores articles with fixed dates, providers, sentiments and entities (written through the
 * store's and enrichment's own repositories, the analysers left out); returns their ids.
 */
export async function insertFixtureArticles(
  db: Db,
  articles: readonly FixtureArticle[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const article of articles) {
    const first = articleDraft({ title: article.title, publishedAt: article.publishedAt });
    const drafts = (article.providers ?? ['newsapi']).map((provider) =>
      articleDraft({ ...first, source: { provider } }),
    );
    const [id] = await upsertArticles(db, drafts);
    if (id === undefined) throw new Error('no id');
    ids.push(id);
    if (article.score === undefined) continue;
    const entities: ExtractedEntity[] = (article.entities ?? []).map(([kind, name, mentions]) => ({
      kind,
      name,
      key: name.toLowerCase(),
      mentions: mentions ?? 1,
    }));
    const label =
      article.label ??
      (article.score > 0 ? 'positive' : article.score < 0 ? 'negative' : 'neutral');
    await saveEnrichments(
      db,
      [{ articleId: id, sentiment: { score: article.score, label }, entities }],
      VERSIONS,
    );
  }
  return ids;
}

/** Entity ids by name. */
export async function entityIds(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('entities').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}
