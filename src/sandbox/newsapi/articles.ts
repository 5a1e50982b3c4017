import { guardianWebTitle } from '../corpus/guardian-meta.js';
import { GUARDIAN } from '../corpus/outlets.js';
import type { Story } from '../corpus/story.js';
import { countCodePoints, truncateCodePoints } from '../corpus/text.js';
import { consentWallUrl, googleNewsUrl, urlVariant, type VariantKind } from '../corpus/urls.js';
import { isoSeconds } from '../http.js';
import { createRandom, type Random } from '../random.js';
import type { NewsapiRow } from './rows.js';

/**
 * A NewsAPI article for a row, with the quirks of real responses (upstream-apis.md §1.8): null
 * fields, HTML and entities, truncated content with "… [+N chars]", " - Outlet" title suffixes,
 * 7-digit fractions and +00:00 offsets, tracking and AMP URLs, ids that come and go.
 */

export interface NewsapiArticle {
  source: { id: string | null; name: string };
  author: string | null;
  title: string;
  description: string | null;
  url: string;
  urlToImage: string | null;
  publishedAt: string;
  content: string | null;
}

export type Endpoint = 'everything' | 'top-headlines';

const REMOVED: NewsapiArticle = {
  source: { id: null, name: '[Removed]' },
  author: null,
  title: '[Removed]',
  description: '[Removed]',
  url: 'https://removed.com',
  urlToImage: null,
  publishedAt: '1970-01-01T00:00:00Z',
  content: '[Removed]',
};

const URL_VARIANTS: readonly (readonly [VariantKind, number])[] = [
  ['canonical', 55],
  ['tracking', 20],
  ['amp', 12],
  ['http', 5],
  ['slash', 8],
  ['www', 4],
];

const entities = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/’/g, '&#8217;').replace(/"/g, '&quot;');

/** The article NewsAPI returns for a row; the same row always yields the same article. */
export function toNewsapiArticle(
  row: NewsapiRow,
  seed: string,
  endpoint: Endpoint,
): NewsapiArticle {
  const { story } = row;
  const r = createRandom(`${seed}/newsapi/${row.key}`);
  if (row.removed) {
    return r.chance(0.8) ? REMOVED : { ...REMOVED, publishedAt: isoSeconds(story.publishedAt) };
  }
  const base = story.outlet === GUARDIAN ? guardianWebTitle(story) : story.title;
  const suffixRoll = r.next();
  if (row.via === 'google-news') {
    const title = `${base} - ${story.outlet.name}`;
    const url = googleNewsUrl(story.id);
    return {
      source: { id: 'google-news', name: 'Google News' },
      author: r.chance(0.5) ? story.outlet.name : null,
      title,
      description: `<a href="${url}" target="_blank">${title}</a>&nbsp;&nbsp;<font color="#6f6f6f">${story.outlet.name}</font>`,
      url,
      urlToImage: null,
      publishedAt: publishedAt(r, story.publishedAt),
      content: null,
    };
  }
  const withSuffix = suffixRoll < (endpoint === 'top-headlines' ? 0.8 : 0.15);
  return {
    source: { id: r.chance(0.2) ? null : story.outlet.newsapiId, name: story.outlet.name },
    author: author(r, story),
    title: withSuffix ? `${base} - ${story.outlet.name}` : base,
    description: description(r, story.description),
    url: articleUrl(r, story),
    urlToImage: image(r, story.imageUrl),
    publishedAt: publishedAt(r, story.publishedAt),
    content: content(r, story.paragraphs),
  };
}

function author(r: Random, story: Story): string | null {
  const names = story.authors;
  const [first] = names;
  if (first === undefined || r.chance(0.05)) return r.chance(0.3) ? story.outlet.name : null;
  if (story.authorRole !== null) return `${first} ${story.authorRole}`;
  const list =
    names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}` : first;
  const domain = story.outlet.host.replace(/^www\./, '');
  return r.weighted<string>([
    [list, 70],
    [`By ${list}`, 12],
    [story.outlet.name, 8],
    [
      `${first
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z ]/g, '')
        .replace(/ /g, '.')}@${domain}`,
      5,
    ],
    [`https://www.facebook.com/${domain.split('.')[0] ?? 'news'}`, 5],
  ]);
}

function description(r: Random, text: string): string | null {
  if (r.chance(0.05)) return null;
  let value = text;
  if (r.chance(0.2)) {
    const cut = value.lastIndexOf(' ', 120);
    if (cut > 40) value = `${value.slice(0, cut)}…`;
  }
  if (r.chance(0.2)) value = entities(value);
  if (r.chance(0.1)) value = r.chance(0.5) ? `<p>${value}</p>` : `<ul><li>${value}</li></ul>`;
  return value;
}

function content(r: Random, paragraphs: string[]): string | null {
  if (r.chance(0.05)) return null;
  let text = r.chance(0.1)
    ? paragraphs.map((p) => `<p>${p}</p>`).join('')
    : paragraphs.join('\r\n');
  if (r.chance(0.15)) text = entities(text);
  const length = countCodePoints(text);
  if (length <= 200) return text;
  return `${truncateCodePoints(text, 200)}… [+${length - 200} chars]`;
}

function articleUrl(r: Random, story: Story): string {
  if (story.outlet.name === 'Yahoo News' && r.chance(0.6)) return consentWallUrl(story.id);
  return urlVariant(story.url, story.outlet, r.weighted(URL_VARIANTS));
}

function image(r: Random, url: string | null): string | null {
  if (url === null || r.chance(0.05)) return null;
  return r.chance(0.1) ? url.replace(/^https:/, 'http:') : url;
}

function publishedAt(r: Random, ms: number): string {
  const iso = isoSeconds(ms);
  return r.weighted<string>([
    [iso, 80],
    [iso.replace('Z', `.${String(r.int(0, 9_999_999)).padStart(7, '0')}Z`), 10],
    [iso.replace('Z', '+00:00'), 10],
  ]);
}
