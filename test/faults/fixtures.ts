/**
 * The people in a fault run, made over HTTP the way a person would: register (session cookie and
 * CSRF token), create API keys, set preferences, save articles with notes and tags. "Sentinel"
 * users are never touched by the load, so everything they own must come out of every fault
 * byte for byte; load users save articles while the faults happen.
 */
import pg from 'pg';
import type { LoadUser } from './load.js';

export interface Person {
  id: string;
  email: string;
  keys: string[];
}

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

async function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text), headers: res.headers };
}

function expect(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/** Registers a user, creates `keys` API keys and sets a few preferences. */
export async function createPerson(base: string, label: string, keys: number): Promise<Person> {
  const email = `${label}-${Date.now()}@faults.example.test`;
  const registered = await call(
    base,
    'POST',
    '/auth/register',
    {},
    {
      email,
      password: 'correct horse battery staple',
      displayName: label,
    },
  );
  expect(registered, 201, `register ${label}`);
  const cookie = /newsroom_session=[^;]+/.exec(registered.headers.get('set-cookie') ?? '')?.[0];
  const { csrfToken, user } = registered.body as { csrfToken: string; user: { id: string } };
  if (cookie === undefined) throw new Error('register set no session cookie');
  const session = { cookie, 'x-csrf-token': csrfToken };
  const person: Person = { id: user.id, email, keys: [] };
  for (let i = 0; i < keys; i += 1) {
    const created = await call(base, 'POST', '/v1/api-keys', session, { name: `${label} ${i}` });
    expect(created, 201, 'create API key');
    person.keys.push((created.body as { key: string }).key);
  }
  const bearer = { authorization: `Bearer ${person.keys[0] ?? ''}` };
  for (const [key, value] of [
    ['theme', 'dark'],
    ['results_per_page', 25],
    ['excluded_outlets', [`Outlet ${label}`]],
  ] as const) {
    expect(await call(base, 'PUT', `/v1/preferences/${key}`, bearer, { value }), 200, key);
  }
  return person;
}

/** Saves `articleIds` for the person (first key), each with a note and tags. */
export async function saveArticles(base: string, person: Person, articleIds: readonly string[]) {
  const bearer = { authorization: `Bearer ${person.keys[0] ?? ''}` };
  for (const id of articleIds) {
    const saved = await call(base, 'PUT', `/v1/saved/${id}`, bearer, {
      note: `kept by ${person.email}`,
      tags: ['sentinel', `a${id}`],
    });
    expect(saved, 201, `save ${id}`);
  }
}

/** Searches once per query (as `person`), so the page cache holds them before the load. */
export async function warmSearches(base: string, person: Person, queries: readonly string[]) {
  const bearer = { authorization: `Bearer ${person.keys[0] ?? ''}` };
  for (const q of queries) {
    const res = await call(base, 'GET', `/v1/search?q=${encodeURIComponent(q)}`, bearer);
    expect(res, 200, `search ${q}`);
  }
}

/** Ids of `count` stored articles (written through by the warm-up searches). */
export async function storedArticleIds(databaseUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      'select id::text as id from articles order by id limit $1',
      [count],
    );
    if (rows.length < count) throw new Error(`only ${rows.length} stored articles, need ${count}`);
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

/** A person as the load generator sees them. */
export function loadUser(person: Person, articleIds: string[]): LoadUser {
  return { id: person.id, key: person.keys[0] ?? '', articleIds };
}
