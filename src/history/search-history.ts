/** One search a user made, as recorded (newest first in listings). */
export interface HistoryEntry {
  id: string;
  /** The query as the user typed it (whitespace collapsed). */
  query: string;
  /** The other parameters in canonical form, including `endpoint` (search or articles). */
  params: Record<string, unknown>;
  /** Results the search found (all pages; for the article store, the first page). */
  resultCount: number;
  searchedAt: Date;
}

/** What the search paths hand over to be recorded. */
export interface SearchRecord {
  query: string;
  params: Record<string, unknown>;
  resultCount: number;
}

/**
 * Entries kept per user: each insert trims the user's older entries beyond this, so the table
 * stays bounded however much one account searches (documented in the README).
 */
export const HISTORY_ENTRIES_PER_USER = 1000;
