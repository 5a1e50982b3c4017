import { Type, type Static } from '@sinclair/typebox';
import { UserSchema } from '../../account/account.schemas.js';

/** The longest address SMTP allows (and the users table's check). */
const EMAIL_MAX = 320;

export const RegisterBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: EMAIL_MAX }),
    password: Type.String({
      minLength: 10,
      maxLength: 256,
      description: '10 to 256 characters; any characters, spaces included.',
    }),
    displayName: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: "Defaults to the part of the email before the '@'.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type RegisterInput = Static<typeof RegisterBody>;

// Sign-in checks only shape: whether the address is well formed is not a reason to answer
// differently from a wrong password.
export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: EMAIL_MAX }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const SignedInResponse = Type.Object({
  user: UserSchema,
  csrfToken: Type.String({
    description:
      'Send as X-CSRF-Token on every POST, PUT, PATCH and DELETE made with the session cookie.',
  }),
});
