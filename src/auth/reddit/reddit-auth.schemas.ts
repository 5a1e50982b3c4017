import { Type } from '@sinclair/typebox';

export const LoginQuery = Type.Object(
  {
    returnTo: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'A path on this site to come back to (anything else means /).',
        examples: ['/saved'],
      }),
    ),
  },
  { additionalProperties: false },
);

// Reddit sends these; other parameters it may add are ignored rather than refused, because a
// refusal here would strand the person in the middle of signing in.
export const CallbackQuery = Type.Object(
  {
    state: Type.Optional(Type.String({ maxLength: 2000 })),
    code: Type.Optional(Type.String({ maxLength: 2000 })),
    error: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true },
);

export const Redirect = Type.Null({ description: 'A redirect (see Location).' });
