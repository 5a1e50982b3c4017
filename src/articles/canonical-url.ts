import { decodeEntities } from '../providers/text.js';

/**
 * The identity of a story's URL across providers: the same article reached through tracking
 * links, AMP pages, mobile hosts or a trailing slash maps to one canonical form. Rules follow the
 * upstream notes (shared/docs/upstream-apis.md §5).
 */

const HOST_PREFIXES = /^(?:www\d*|m|mobile|amp)\./;

// Exact parameter names that only track where a click came from.
const TRACKING_PARAMS = new Set([
  'cmp',
  'cmpid',
  'ocid',
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'taid',
  'smid',
  'mc_cid',
  'mc_eid',
  'at_medium',
  'at_campaign',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'ref',
  'ref_src',
  'source',
  'src',
  'sr_share',
  'igshid',
  'outputtype',
  'amp',
  '_ga',
  'cid',
  'share',
  'partner',
]);
const TRACKING_PREFIXES = ['utm_', 'at_', 'mc_', 'pk_', 'hsa_'];

/** Redirect and consent-wall hosts whose URLs say nothing about the story (dedupe by title). */
const OPAQUE = [/^news\.google\.com$/, /^consent\.[a-z.]+$/];

export const REDDIT_ORIGIN = 'https://www.reddit.com';

/**
 * Canonical form of an article URL, or null when the value is not an http(s) URL. Relative URLs
 * resolve against Reddit (the only upstream that sends them).
 */
export function canonicalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(decodeEntities(raw.trim()), REDDIT_ORIGIN);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '').replace(HOST_PREFIXES, '');
  url.port = '';
  url.username = '';
  url.password = '';
  url.hash = '';
  if (OPAQUE.some((pattern) => pattern.test(url.hostname))) return url.toString();

  const kept = [...url.searchParams.entries()]
    .filter(([name]) => !isTracking(name))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  url.search = new URLSearchParams(kept).toString();
  url.pathname = stripAmp(url.pathname);
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

/** True for URLs that cannot identify a story (Google News redirects, consent walls). */
export function isOpaqueUrl(canonical: string): boolean {
  try {
    return OPAQUE.some((pattern) => pattern.test(new URL(canonical).hostname));
  } catch {
    return true;
  }
}

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

function stripAmp(pathname: string): string {
  return (
    pathname
      .replace(/\/amp(?=\/|$)/g, '')
      .replace(/\.amp(?=$|\.html?$)/, '')
      .replace(/\/amp\.html?$/, '') || '/'
  );
}
