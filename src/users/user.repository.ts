import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { UsersTable } from '../db/schema.js';
import type { User, UserTier } from './user.js';

export interface NewUser {
  email: string | null;
  passwordHash: string | null;
  displayName: string;
  tier?: UserTier;
}

/** Creates a user; returns undefined when the email is already taken (case-insensitively). */
export async function createUser(db: Db, user: NewUser): Promise<User | undefined> {
  const row = await db
    .insertInto('users')
    .values({
      email: user.email,
      password_hash: user.passwordHash,
      display_name: user.displayName,
      tier: user.tier,
    })
    .onConflict((oc) =>
      oc
        .expression(db.fn('lower', ['email']))
        .where('email', 'is not', null)
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/** The user with this email (any case) and their password hash, for sign-in. */
export async function findUserForLogin(
  db: Db,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row === undefined ? undefined : { user: toUser(row), passwordHash: row.password_hash };
}

/** Deletes the user and, by cascade, every row they own. Returns whether a row was deleted. */
export async function deleteUser(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    tier: row.tier,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
  };
}
