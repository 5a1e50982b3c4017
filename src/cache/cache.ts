/**
 * The cache contract. The cache is never the only copy of anything: a failed read is a miss and a
 * failed write is skipped, so callers fall back to the system of record. Values are JSON.
 */
export interface Cache {
  readonly kind: 'memory' | 'redis';
  /** The stored value, or undefined on a miss, an expired entry or an unreachable cache. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores with a fixed time-to-live; reads never extend it. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Raw string form, for values already serialised. */
  getRaw(key: string): Promise<string | undefined>;
  /**
   * The raw value as UTF-8 bytes, never decoded: for responses sent as-is (a string body with any
   * non-Latin-1 character is re-encoded on every send). Callers must not write into it.
   */
  getBytes(key: string): Promise<Buffer | undefined>;
  /** Stores an already serialised value: text, or its UTF-8 bytes (read back as text). */
  setRaw(key: string, value: string | Buffer, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** 'up' when the backing store answers, 'degraded' when it does not (the app keeps working). */
  health(): Promise<CacheHealth>;
  close(): Promise<void>;
}

export type CacheHealth = { status: 'up' | 'degraded'; detail?: string };
