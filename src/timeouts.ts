/** A wait that ran out. What it waited for was not cancelled and may still settle later. */
export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * The promise's outcome if it settles within `ms`, else a TimeoutError: for work a caller needs
 * but must not hang on (a health probe, the write-through behind a stalled database). The promise
 * runs on after the timeout and must handle its own failure, since nothing awaits it any more.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
