import { hexFrom } from '../random.js';
import type { Outlet } from './outlets.js';

/**
 * Article URLs: the canonical form each outlet uses, and the variants the same article travels
 * under (tracking parameters, AMP pages, mobile hosts, trailing slashes, fragments, http), so
 * clients' cross-provider deduplication has something real to do.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A URL slug from a headline: ASCII-folded words, at most eight; empty for non-Latin text. */
export function slugify(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .slice(0, 8)
    .join('-');
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The canonical URL of a story at an outlet. `section` is a path segment like 'world'. */
export function canonicalArticleUrl(
  outlet: Outlet,
  section: string,
  title: string,
  publishedAt: number,
  key: string,
  live = false,
): string {
  const d = new Date(publishedAt);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const slug = slugify(title) || `article-${key}`;
  const digits = String((parseInt(hexFrom(key, 8), 16) % 90_000_000) + 10_000_000);
  const base = `https://${outlet.host}`;
  switch (outlet.urlStyle) {
    case 'guardian':
      return `${base}/${section}${live ? '/live' : ''}/${y}/${MONTHS[m - 1] ?? 'jan'}/${pad(day)}/${slug}`;
    case 'bbc':
      return `${base}/${outlet.name === 'BBC Sport' ? 'sport' : 'news'}/${section}-${digits}`;
    case 'reuters':
      return `${base}/${section}/${slug}-${y}-${pad(m)}-${pad(day)}/`;
    case 'ap':
      return `${base}/article/${slug}-${hexFrom(key, 32)}`;
    case 'dated':
      return `${base}/${y}/${pad(m)}/${pad(day)}/${section}/${slug}`;
    case 'html':
      return `${base}/${section}/${slug}-${digits}.html`;
    case 'id':
      return `${base}/${section}/${slug}-${digits.slice(0, 7)}`;
  }
}

export type VariantKind =
  'canonical' | 'tracking' | 'amp' | 'mobile' | 'slash' | 'fragment' | 'http' | 'www';

/** The canonical URL rewritten the way a share link, AMP page or mobile site would show it. */
export function urlVariant(canonical: string, outlet: Outlet, kind: VariantKind): string {
  const url = new URL(canonical);
  switch (kind) {
    case 'canonical':
      break;
    case 'www':
      // Bare hosts gain "www.", www hosts lose it; other subdomains stay.
      url.hostname = url.hostname.startsWith('www.')
        ? url.hostname.slice(4)
        : url.hostname.split('.').length === 2
          ? `www.${url.hostname}`
          : url.hostname;
      break;
    case 'tracking':
      url.search = outlet.tracking;
      break;
    case 'amp':
      return ampUrl(url, outlet);
    case 'mobile':
      url.hostname = `m.${url.hostname.replace(/^www\./, '')}`;
      break;
    case 'slash':
      url.pathname = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : `${url.pathname}/`;
      break;
    case 'fragment':
      url.hash = url.pathname.length % 2 === 0 ? 'comments' : 'img-1';
      break;
    case 'http':
      url.protocol = 'http:';
      break;
  }
  return url.toString();
}

function ampUrl(url: URL, outlet: Outlet): string {
  switch (outlet.amp) {
    case 'host':
      url.hostname = `amp.${url.hostname.replace(/^www\./, '')}`;
      break;
    case 'path':
      url.pathname = `/amp${url.pathname}`;
      break;
    case 'suffix':
      url.pathname = `${url.pathname.replace(/\/$/, '')}.amp`;
      break;
    case 'param':
      url.search = 'outputType=amp';
      break;
    case null:
      url.search = outlet.tracking;
  }
  return url.toString();
}

/** A Google News redirect for a story: it cannot be deduplicated by URL, only by title. */
export function googleNewsUrl(key: string): string {
  return `https://news.google.com/rss/articles/CBMi${hexFrom(`gn:${key}`, 48)}?oc=5`;
}

/** A Yahoo consent-wall URL standing in for the article (seen in real NewsAPI data). */
export function consentWallUrl(key: string): string {
  const h = hexFrom(`consent:${key}`, 32);
  return `https://consent.yahoo.com/v2/collectConsent?sessionId=3_cc-session_${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
