/** An API key as its owner sees it: never the key itself, which is shown once at creation. */
export interface ApiKey {
  id: string;
  name: string;
  /** The key's first characters, so a user can tell keys apart ("nrk_3fQ9x…"). */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The answer to creating a key: the only time the whole key is ever returned. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}
