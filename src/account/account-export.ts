import type { ApiKeyService } from '../api-keys/api-key.service.js';
import type { Db } from '../db/database.js';
import { findUserById } from '../users/user.repository.js';
import type { ExportSection } from './account.js';
import {
  listIdentities,
  listPreferences,
  listSavedArticles,
  listSearchHistory,
  listSessions,
} from './account.repository.js';

/**
 * The export sections of the account foundation. Saved articles, search history and preferences
 * are read straight from their tables so the export is complete whatever those features' APIs
 * look like; other features add their own sections next to these in deps.ts.
 */
export function accountExportSections(deps: {
  db: Db;
  apiKeys: Pick<ApiKeyService, 'list'>;
}): Record<string, ExportSection> {
  const { db } = deps;
  return {
    user: (userId) => findUserById(db, userId),
    identities: (userId) => listIdentities(db, userId),
    sessions: (userId) => listSessions(db, userId),
    apiKeys: (userId) => deps.apiKeys.list(userId),
    savedArticles: (userId) => listSavedArticles(db, userId),
    searchHistory: (userId) => listSearchHistory(db, userId),
    preferences: (userId) => listPreferences(db, userId),
  };
}
