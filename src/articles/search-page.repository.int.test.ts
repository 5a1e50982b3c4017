import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { relevanceScore } from './search-page.repository.js';

const now = new Date('2026-11-27T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('relevanceScore', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  after(() => database.drop());

  // The expression as PostgreSQL evaluates it for a search's candidates.
  async function score(rank: number, publishedAt: Date): Promise<number> {
    const { rows } = await sql<{ score: number }>`
      select ${relevanceScore(sql`${rank}::float8`, sql`${publishedAt}::timestamptz`, now)} as score
    `.execute(database.db);
    return rows[0]?.score ?? Number.NaN;
  }

  it('prefers the fresher of two equally good matches', async () => {
    assert.ok((await score(0.5, daysAgo(1))) > (await score(0.5, daysAgo(40))));
  });

  it('lets a much better match beat a fresher weak one, however old', async () => {
    assert.ok((await score(0.9, daysAgo(700))) > (await score(0.3, daysAgo(0))));
  });

  it('never scales a rank below half or above itself', async () => {
    assert.equal(await score(1, daysAgo(0)), 1);
    assert.equal(await score(1, new Date(now.getTime() + 3_600_000)), 1, 'a future date is new');
    assert.ok(Math.abs((await score(1, daysAgo(10_000))) - 0.5) < 1e-9);
  });

  it('shrinks the recency part by 1/e over 30 days', async () => {
    const expected = 0.5 + 0.5 * Math.exp(-1);
    assert.ok(Math.abs((await score(1, daysAgo(30))) - expected) < 1e-12);
  });
});
