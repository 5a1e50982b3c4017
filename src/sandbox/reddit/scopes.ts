/** Reddit's OAuth scopes (www.reddit.com/api/v1/scopes.json) and scope checks. */

export const REDDIT_SCOPES: ReadonlySet<string> = new Set([
  'account',
  'creddits',
  'edit',
  'flair',
  'history',
  'identity',
  'livemanage',
  'modconfig',
  'modcontributors',
  'modflair',
  'modlog',
  'modmail',
  'modothers',
  'modposts',
  'modself',
  'modtraffic',
  'modwiki',
  'mysubreddits',
  'privatemessages',
  'read',
  'report',
  'save',
  'structuredstyles',
  'submit',
  'subscribe',
  'vote',
  'wikiedit',
  'wikiread',
]);

/** Scopes from an authorize `scope` parameter (space- or comma-separated); null if any is unknown. */
export function parseScopes(raw: string | undefined): string[] | null {
  const scopes = (raw ?? '').split(/[\s,]+/).filter((s) => s !== '');
  if (scopes.length === 0 || scopes.some((s) => !REDDIT_SCOPES.has(s))) return null;
  return [...new Set(scopes)];
}

/** True when a token's scopes include `needed` ("*" covers everything). */
export function hasScope(scopes: readonly string[], needed: string): boolean {
  return scopes.includes('*') || scopes.includes(needed);
}
