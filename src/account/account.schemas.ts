import { Type } from '@sinclair/typebox';

/** A Date in code, an RFC 3339 string on the wire. */
const DateTime = (options: { description?: string } = {}) =>
  Type.Unsafe<Date>(Type.String({ format: 'date-time', ...options }));

export const UserSchema = Type.Object({
  id: Type.String({ description: 'Stable user id (a decimal string).' }),
  email: Type.Union([Type.String(), Type.Null()], {
    description: 'Null for accounts made by signing in with Reddit.',
  }),
  displayName: Type.String(),
  tier: Type.Union([Type.Literal('basic'), Type.Literal('premium')]),
  hasPassword: Type.Boolean({ description: 'Whether the user can sign in with a password.' }),
  createdAt: DateTime(),
});

export const MeResponse = Type.Object({
  user: UserSchema,
  authenticatedBy: Type.Union([Type.Literal('session'), Type.Literal('api_key')]),
  csrfToken: Type.Optional(
    Type.String({
      description:
        'With a session only: send it as X-CSRF-Token on every POST, PUT, PATCH and DELETE.',
    }),
  ),
  identities: Type.Array(
    Type.Object({
      provider: Type.String({ examples: ['reddit'] }),
      username: Type.String(),
      linkedAt: DateTime(),
    }),
  ),
});

export const ExportResponse = Type.Object(
  { exportedAt: DateTime() },
  {
    additionalProperties: true,
    description:
      'Everything the account owns, one property per section (user, identities, sessions, ' +
      'apiKeys, savedArticles, searchHistory, preferences, ...). Never a secret.',
  },
);

export const DeleteAccountBody = Type.Object(
  {
    confirm: Type.Literal(true, {
      description: 'Must be true: deleting the account removes everything it owns, for good.',
    }),
  },
  { additionalProperties: false },
);

export const SessionInfoSchema = Type.Object({
  id: Type.String(),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime(),
  lastSeenAt: DateTime({ description: 'Updated at most once a minute.' }),
  expiresAt: DateTime(),
  current: Type.Boolean({ description: 'True for the session making this request.' }),
});

export const SessionListResponse = Type.Object({ sessions: Type.Array(SessionInfoSchema) });

export const SessionIdParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'Session id.' }) },
  { additionalProperties: false },
);

export const NoContent = Type.Null({ description: 'No content.' });
