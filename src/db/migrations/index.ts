import type { Migration } from 'kysely';
import * as articles from './2026-11-27T0000-articles.js';
import * as articleSearch from './2026-11-27T0100-article-search.js';
import * as accounts from './2026-11-27T0200-accounts.js';
import * as intelligence from './2026-11-27T0400-intelligence.js';
import * as sourceFillfactor from './2026-11-27T1800-source-fillfactor.js';

/**
 * Every migration, in order. Listed explicitly (not read from the file system) so the set is the
 * same under tsx, compiled output and bundlers. Names are timestamps; never rename one that shipped.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-27T0000-articles': articles,
  '2026-11-27T0100-article-search': articleSearch,
  '2026-11-27T0200-accounts': accounts,
  '2026-11-27T0400-intelligence': intelligence,
  '2026-11-27T1800-source-fillfactor': sourceFillfactor,
};
