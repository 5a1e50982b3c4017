/** A person with an account. Everything they own hangs off `id` (ON DELETE CASCADE). */
export interface User {
  id: string;
  email: string | null;
  displayName: string;
  tier: UserTier;
  /** True when the user can sign in with a password (not only through Reddit). */
  hasPassword: boolean;
  createdAt: Date;
}

export type UserTier = 'basic' | 'premium';
