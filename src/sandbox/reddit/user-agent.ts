/**
 * Reddit's User-Agent policy: empty or very short agents are blocked outright, and generic HTTP
 * library agents are "drastically limited", which the sandbox renders as an immediate 429
 * (upstream-apis.md §3.7). Descriptive agents like `web:app:v1 (by /u/name)` pass.
 */

export type UserAgentVerdict = 'ok' | 'blocked' | 'throttled';

const GENERIC =
  /^(node|node-fetch|undici|axios|got|python-requests|python-urllib|python-httpx|aiohttp|curl|wget|go-http-client|java|okhttp|libwww-perl|postmanruntime|insomnia|ruby|php)([\s/;(]|$)/i;

/** How Reddit treats a request with this User-Agent header. */
export function judgeUserAgent(userAgent: string | undefined): UserAgentVerdict {
  const agent = userAgent?.trim() ?? '';
  if (agent.length < 7) return 'blocked';
  return GENERIC.test(agent) ? 'throttled' : 'ok';
}
