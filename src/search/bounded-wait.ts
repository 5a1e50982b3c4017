/**
 * A promise's value if it settles within `ms`, else `fallback`: for work a response needs but must
 * not hang on (the write-through behind a stalled database). The promise is not cancelled; it
 * runs on, and must handle its own failure (nothing awaits it after the fallback is taken).
 */
export async function waitAtMost<T>(
  promise: Promise<T>,
  ms: number,
  fallback: T,
): Promise<{ value: T; late: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ value: T; late: boolean }>((resolve) => {
    timer = setTimeout(() => resolve({ value: fallback, late: true }), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value, late: false })), late]);
  } finally {
    clearTimeout(timer);
  }
}
