import type { ArticleDraft } from '../../articles/article.js';
import { canonicalUrl } from '../../articles/canonical-url.js';
import { adaptPage } from '../adapt-page.js';
import { cleanText, parseTimestamp, safeHttpUrl } from '../text.js';
import { NewsApiArticleWire } from './newsapi.wire.js';

/**
 * NewsAPI article -> ArticleDraft, with every quirk of upstream-apis.md §1.8 handled here:
 * removed placeholders, independent nulls, truncated content, outlet suffixes on titles, HTML and
 * entities, odd timestamps. NewsAPI has no article ids, so the canonical URL is the identity.
 */

export const NEWSAPI = 'newsapi';

export interface NewsApiAdaptContext {
  /** The language the request filtered on; NewsAPI items don't carry one. */
  language: string | null;
  now: Date;
}

export type NewsApiDropReason =
  | 'malformed' // failed the wire schema
  | 'removed' // NewsAPI's "[Removed]" placeholder row
  | 'bad_url' // not an absolute http(s) URL
  | 'untitled' // nothing left of the title after clean-up
  | 'undated' // missing, unparsable or implausible publishedAt (e.g. the 1970 epoch)
  | 'duplicate'; // same canonical URL earlier in the page

export type NewsApiAdapted =
  | { ok: true; draft: ArticleDraft }
  | { ok: false; reason: Exclude<NewsApiDropReason, 'malformed' | 'duplicate'> };

export interface NewsApiAdaptedPage {
  articles: ArticleDraft[];
  dropped: Partial<Record<NewsApiDropReason, number>>;
}

const REMOVED = '[Removed]';
const REMOVED_HOST = 'removed.com';
// "…[+1234 chars]" / "... [+1234 chars]": NewsAPI's marker for content cut at ~200 chars.
const TRUNCATION_MARKER = /\s*(?:…|\.{3})?\s*\[\+\d+ chars\]\s*$/;
const URL_LIKE = /^(?:https?:\/\/|www\.)\S+$/i;
const TITLE_SEPARATORS = [' - ', ' – ', ' — ', ' | '];

/** Adapts a page's raw `articles[]`, dropping (and counting) what cannot become an ArticleDraft. */
export function adaptNewsApiArticles(
  items: readonly unknown[],
  context: NewsApiAdaptContext,
): NewsApiAdaptedPage {
  return adaptPage({
    provider: NEWSAPI,
    what: 'NewsAPI article',
    schema: NewsApiArticleWire,
    items,
    adapt: (item) => adaptNewsApiArticle(item, context),
    identity: (draft) => draft.canonicalUrl,
  });
}

/** Adapts one schema-checked NewsAPI article, or says why it has to be dropped. */
export function adaptNewsApiArticle(
  item: NewsApiArticleWire,
  context: NewsApiAdaptContext,
): NewsApiAdapted {
  const url = safeHttpUrl(item.url);
  const canonical = url === null ? null : canonicalUrl(url);
  if (item.title.trim() === REMOVED || hostOf(canonical) === REMOVED_HOST) {
    return { ok: false, reason: 'removed' };
  }
  if (url === null || canonical === null) return { ok: false, reason: 'bad_url' };
  const outlet = text(item.source.name, 200);
  const title = cleanTitle(item.title, outlet);
  if (title === null) return { ok: false, reason: 'untitled' };
  // Dropped rather than dated "now": a guessed date would float old stories to the top of feeds.
  const publishedAt = parseTimestamp(item.publishedAt, context.now);
  if (publishedAt === null) return { ok: false, reason: 'undated' };
  return {
    ok: true,
    draft: {
      canonicalUrl: canonical,
      url,
      title,
      description: text(item.description, 2_000),
      content: cleanContent(item.content),
      author: cleanAuthor(item.author),
      imageUrl: safeHttpUrl(item.urlToImage),
      language: context.language,
      publishedAt,
      source: {
        provider: NEWSAPI,
        providerId: canonical,
        outlet,
        providerUrl: url,
        score: null,
        comments: null,
      },
    },
  };
}

/** Clean text, with NewsAPI's "[Removed]" filler treated as absent. */
function text(value: string | null | undefined, maxLength: number): string | null {
  const cleaned = cleanText(value, maxLength);
  return cleaned === REMOVED ? null : cleaned;
}

/** Titles often end in " - {outlet}" (mostly top-headlines); the outlet is stored separately. */
function cleanTitle(raw: string, outlet: string | null): string | null {
  const title = text(raw, 1_000);
  if (title === null || outlet === null) return title;
  const lower = title.toLowerCase();
  for (const separator of TITLE_SEPARATORS) {
    const suffix = `${separator}${outlet}`.toLowerCase();
    if (lower.endsWith(suffix) && lower.length > suffix.length) {
      return title.slice(0, -suffix.length).trim();
    }
  }
  return title;
}

/**
 * Content is ~200 chars then "… [+N chars]". The marker goes; one "…" stays because the text
 * really is cut mid-sentence.
 */
function cleanContent(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const truncated = TRUNCATION_MARKER.test(raw);
  const body = text(raw.replace(TRUNCATION_MARKER, ''), 2_000);
  if (body === null) return null;
  return truncated && !body.endsWith('…') ? `${body}…` : body;
}

/** Authors arrive as names, "By …" bylines, outlet names or a Facebook page URL (not a name). */
function cleanAuthor(raw: string | null | undefined): string | null {
  const author = text(raw, 300);
  if (author === null || URL_LIKE.test(author)) return null;
  const name = author.replace(/^by\s+/i, '').trim();
  return name === '' ? null : name;
}

function hostOf(url: string | null): string | null {
  return url === null ? null : new URL(url).hostname;
}
