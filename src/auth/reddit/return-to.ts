/**
 * Where to send the browser after signing in. Only a path on this site is kept: one leading `/`
 * (not `//` or `/\`, which browsers read as another host), no scheme, no control characters and
 * no backslashes at all (some browsers turn them into slashes). Anything else becomes `/`, so the
 * sign-in flow can never be used as an open redirect.
 */
export function safeReturnTo(candidate: string | undefined): string {
  if (candidate === undefined || candidate.length > 2000) return '/';
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return '/';
  // The URL parser is the browser's view: the target must stay on the same origin.
  const base = 'http://newsroom.invalid';
  const resolved = new URL(candidate, base);
  if (resolved.origin !== base) return '/';
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
