import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from '../redis/redis-client.js';

export interface Flight<T> {
  value: T;
  /** True when another caller (here or on another instance) did the work. */
  shared: boolean;
}

/**
 * Lets one caller per key do expensive work (an upstream fan-out) while concurrent callers with
 * the same key wait for its result instead of repeating it.
 */
export interface SingleFlight {
  run<T>(
    key: string,
    work: () => Promise<T>,
    /** Reads the result the winner published (the cache), for waiters on other instances. */
    readShared: () => Promise<T | undefined>,
    /**
     * Publishes the winner's result (writes the cache). It runs after the winner's caller has its
     * value (on the next turn of the event loop, so a response goes out first) and before the key
     * is released here and on other instances, so nobody finds the key free and the result absent.
     * A publish that returns a promise is awaited first; it need only have put its write on the
     * wire when it resolves.
     */
    publish?: (value: T) => unknown,
  ): Promise<Flight<T>>;
}

/** Within one process: concurrent callers share the first caller's promise. */
export function createLocalSingleFlight(): SingleFlight {
  const inFlight = new Map<string, Promise<unknown>>();
  return {
    async run<T>(
      key: string,
      work: () => Promise<T>,
      _readShared?: unknown,
      publish?: (value: T) => unknown,
    ): Promise<Flight<T>> {
      const running = inFlight.get(key) as Promise<T> | undefined;
      if (running !== undefined) return { value: await running, shared: true };
      const promise = work();
      inFlight.set(key, promise);
      try {
        const value = await promise;
        setImmediate(() => {
          Promise.resolve()
            .then(() => publish?.(value))
            // Publishing is a cache write: losing one costs a later miss, never this answer.
            .catch(() => undefined)
            .finally(() => inFlight.delete(key));
        });
        return { value, shared: false };
      } catch (error) {
        inFlight.delete(key);
        throw error;
      }
    },
  };
}

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Across instances: in-process sharing first, then a short Redis lock (SET NX PX) per key. The
 * lock holder does the work; others poll the shared result until it appears, and take over if the
 * holder disappears or the wait runs out. Redis failing means each instance works alone.
 */
export function createRedisSingleFlight(
  redis: Redis,
  options: { lockMs: number; pollMs?: number },
): SingleFlight {
  const local = createLocalSingleFlight();
  const pollMs = options.pollMs ?? 25;

  /** Polls the shared result while the lock is held; undefined once it is gone or time is up. */
  async function waitForHolder<T>(
    lockKey: string,
    giveUpAt: number,
    readShared: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    while (Date.now() < giveUpAt) {
      await sleep(pollMs);
      const shared = await readShared();
      if (shared !== undefined) return shared;
      // A slow or failed EXISTS is not proof the holder left: keep waiting for its result.
      const holder = await redis.exists(lockKey).catch(() => 1);
      if (holder === 0) return readShared();
    }
    return readShared();
  }

  /** This instance's flight for a key; `release` frees the lock it holds, if it holds one. */
  interface Held<T> extends Flight<T> {
    release?: () => void;
  }

  return {
    async run<T>(
      key: string,
      work: () => Promise<T>,
      readShared: () => Promise<T | undefined>,
      publish?: (value: T) => unknown,
    ) {
      const flight = await local.run(
        key,
        async (): Promise<Held<T>> => {
          const lockKey = `newsroom:lock:${key}`;
          const token = randomUUID();
          const giveUpAt = Date.now() + options.lockMs;
          for (;;) {
            const acquired = await redis.set(lockKey, token, 'PX', options.lockMs, 'NX').then(
              (reply) => reply === 'OK',
              () => true, // Redis down: work alone rather than wait on a lock nobody can hold
            );
            if (acquired) {
              // Queued behind the result's SET on the same connection, so it runs after it;
              // nobody here needs to wait for the reply.
              const release = () =>
                void redis.eval(RELEASE_SCRIPT, 1, lockKey, token).catch(() => undefined);
              try {
                return { value: await work(), shared: false, release };
              } catch (error) {
                release();
                throw error;
              }
            }
            const shared = await waitForHolder(lockKey, giveUpAt, readShared);
            if (shared !== undefined) return { value: shared, shared: true };
            // The holder left without publishing (it failed, or its lock expired): whoever sets
            // the lock next does the work, the others wait again; past the deadline, work alone.
            if (Date.now() >= giveUpAt) return { value: await work(), shared: false };
          }
        },
        () => Promise.resolve(undefined),
        // Another instance's result is published already; ours is, then our lock is released.
        async (held) => {
          try {
            if (!held.shared) await publish?.(held.value);
          } finally {
            held.release?.();
          }
        },
      );
      return { value: flight.value.value, shared: flight.shared || flight.value.shared };
    },
  };
}
