/**
 * What a fault may not do: lose or change what people own, leave the service broken after the
 * fault clears, or keep a request waiting past the search deadline.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/**
 * Per user-owned table, the rows a fault must leave exactly as they were: every user, session
 * (not its activity stamp), API key (not its last-used stamp), preference, and the sentinel users'
 * saved articles. Ordered by primary key, so equal data gives an equal checksum.
 */
const OWNED: Record<string, string> = {
  users: 'select id, email, password_hash, display_name, tier, created_at from users order by id',
  sessions:
    'select id, user_id, token_hash, csrf_token, created_at, expires_at from sessions order by id',
  api_keys:
    'select id, user_id, name, prefix, key_hash, created_at, revoked_at from api_keys order by id',
  preferences: 'select user_id, key, value, updated_at from preferences order by user_id, key',
  'saved_articles (sentinel users)':
    'select * from saved_articles where user_id = any($1::bigint[]) order by user_id, article_id',
};

export type Snapshot = Record<string, { rows: number; md5: string }>;

/** Row count and md5 of each owned table's rows (as text, in primary-key order). */
export async function ownedSnapshot(databaseUrl: string, sentinelIds: string[]): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const snapshot: Snapshot = {};
    for (const [table, query] of Object.entries(OWNED)) {
      const params = query.includes('$1') ? [sentinelIds] : [];
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n'), '')) as md5
           from (${query}) t`,
        params,
      );
      const row = rows[0];
      if (row === undefined) throw new Error(`no checksum for ${table}`);
      snapshot[table] = row;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

/** Tables whose count or checksum differ, e.g. `api_keys: 12 rows -> 11`. */
export function snapshotDifferences(before: Snapshot, after: Snapshot): string[] {
  return Object.entries(before).flatMap(([table, was]) => {
    const now = after[table];
    if (now === undefined) return [`${table}: missing after`];
    if (now.rows !== was.rows) return [`${table}: ${was.rows} rows -> ${now.rows}`];
    if (now.md5 !== was.md5) return [`${table}: same count, different rows (md5)`];
    return [];
  });
}

/** Acknowledged saves (`userId:articleId`) not in saved_articles afterwards. */
export async function missingSaves(databaseUrl: string, acknowledged: Set<string>) {
  if (acknowledged.size === 0) return [];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ k: string }>(
      "select user_id::text || ':' || article_id::text as k from saved_articles",
    );
    const stored = new Set(rows.map((r) => r.k));
    return [...acknowledged].filter((k) => !stored.has(k));
  } finally {
    await client.end();
  }
}

export interface Probe {
  name: string;
  /** Resolves true when the service does this normally again. */
  ok(): Promise<boolean>;
}

/**
 * Polls every probe until all pass, from the moment the fault cleared; resolves with the seconds
 * that took, or throws once `limitMs` has passed.
 */
export async function secondsToRecover(probes: Probe[], limitMs: number): Promise<number> {
  const started = performance.now();
  let failing: string[] = [];
  while (performance.now() - started < limitMs) {
    failing = [];
    for (const probe of probes) {
      if (!(await probe.ok().catch(() => false))) failing.push(probe.name);
    }
    if (failing.length === 0) return (performance.now() - started) / 1000;
    await sleep(250);
  }
  throw new Error(`not recovered after ${limitMs / 1000} s: ${failing.join(', ')}`);
}

/** GET `url` answered 200 (and, when given, its JSON passed `accept`) within 5 s. */
export async function answers(
  url: string,
  init: RequestInit = {},
  accept: (body: unknown) => boolean = () => true,
): Promise<boolean> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  if (res.status < 200 || res.status > 299) return false;
  return accept(text === '' ? null : JSON.parse(text));
}
