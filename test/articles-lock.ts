import pg from 'pg';

/**
 * Another session holding a SHARE lock on articles, as a CREATE INDEX without CONCURRENTLY does:
 * reads go on, every insert and update waits. It stalls live search's write-through instead of
 * failing it (search.degraded.int.test.ts, the fault matrix).
 */
export interface ArticlesLock {
  /** Sessions waiting on this lock now (not on other locks, such as rows other writers hold). */
  waiting(): Promise<number>;
  release(): Promise<void>;
}

export async function lockArticles(url: string): Promise<ArticlesLock> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('lock table articles in share mode');
  } catch (error) {
    await client.end();
    throw error;
  }
  return {
    async waiting() {
      const { rows } = await client.query<{ n: number }>(
        `select count(distinct pid)::int as n from pg_locks
         where relation = 'articles'::regclass and not granted`,
      );
      return rows[0]?.n ?? 0;
    },
    async release() {
      try {
        await client.query('commit');
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs `during` under lockArticles; `blocked` is how many waited on the lock when it ended. */
export async function whileArticlesLocked<T>(
  url: string,
  during: () => Promise<T>,
): Promise<{ result: T; blocked: number }> {
  const lock = await lockArticles(url);
  try {
    const result = await during();
    return { result, blocked: await lock.waiting() };
  } finally {
    await lock.release();
  }
}
