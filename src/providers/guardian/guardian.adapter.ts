import type { ArticleDraft } from '../../articles/article.js';
import { canonicalUrl } from '../../articles/canonical-url.js';
import { adaptPage } from '../adapt-page.js';
import { cleanText, collapseWhitespace, parseTimestamp, safeHttpUrl } from '../text.js';
import { GuardianContentWire } from './guardian.wire.js';

/**
 * Guardian content item -> ArticleDraft, with the quirks of upstream-apis.md §2.7 handled here:
 * missing `fields`, HTML in headline/trailText/byline, " | Author" and " – live" title suffixes,
 * empty bodyText. The Guardian's `id` is the stable identity.
 */

export const GUARDIAN = 'guardian';
const OUTLET = 'The Guardian';
// The Guardian publishes in English; the item carries no language unless asked for `lang`.
const DEFAULT_LANGUAGE = 'en';
/** bodyText is the whole article; we keep a searchable opening, not a copy. */
export const MAX_CONTENT_LENGTH = 2_000;

export interface GuardianAdaptContext {
  /** The `lang` the request filtered on, if any. */
  language: string | null;
  now: Date;
}

export type GuardianDropReason = 'malformed' | 'bad_url' | 'untitled' | 'undated' | 'duplicate';

export type GuardianAdapted =
  | { ok: true; draft: ArticleDraft }
  | { ok: false; reason: Exclude<GuardianDropReason, 'malformed' | 'duplicate'> };

export interface GuardianAdaptedPage {
  articles: ArticleDraft[];
  dropped: Partial<Record<GuardianDropReason, number>>;
}

// " | Rafael Behr" on opinion pieces: a short last segment after a spaced pipe.
const AUTHOR_SUFFIX = /\s+\|\s+[^|]{1,80}$/;
// " – live", " – as it happened" on live blogs (en dash in practice; hyphen and em dash tolerated).
const LIVE_SUFFIX = /\s+[–—-]\s+(?:live|as it happened)$/i;

/** Adapts a page's raw `results[]`, dropping (and counting) what cannot become an ArticleDraft. */
export function adaptGuardianResults(
  items: readonly unknown[],
  context: GuardianAdaptContext,
): GuardianAdaptedPage {
  return adaptPage({
    provider: GUARDIAN,
    what: 'Guardian content',
    schema: GuardianContentWire,
    items,
    adapt: (item) => adaptGuardianContent(item, context),
    identity: (draft) => draft.source.providerId,
  });
}

/** Adapts one schema-checked Guardian content item, or says why it has to be dropped. */
export function adaptGuardianContent(
  item: GuardianContentWire,
  context: GuardianAdaptContext,
): GuardianAdapted {
  const url = safeHttpUrl(item.webUrl);
  const canonical = url === null ? null : canonicalUrl(url);
  if (url === null || canonical === null) return { ok: false, reason: 'bad_url' };
  const fields = item.fields ?? {};
  const title = cleanTitle(fields.headline, item.webTitle);
  if (title === null) return { ok: false, reason: 'untitled' };
  const publishedAt = parseTimestamp(item.webPublicationDate, context.now);
  if (publishedAt === null) return { ok: false, reason: 'undated' };
  return {
    ok: true,
    draft: {
      canonicalUrl: canonical,
      url,
      title,
      description: cleanText(fields.trailText, 2_000),
      content: bodyExcerpt(fields.bodyText),
      author: cleanText(fields.byline, 300),
      imageUrl: safeHttpUrl(fields.thumbnail),
      language: context.language ?? DEFAULT_LANGUAGE,
      publishedAt,
      source: {
        provider: GUARDIAN,
        providerId: item.id,
        outlet: OUTLET,
        providerUrl: url,
        score: null,
        comments: null,
      },
    },
  };
}

/** The headline field (else webTitle) as text, without the author and live-blog suffixes. */
function cleanTitle(headline: string | undefined, webTitle: string): string | null {
  let title = cleanText(headline, 1_000) ?? cleanText(webTitle, 1_000);
  if (title === null) return null;
  for (const suffix of [AUTHOR_SUFFIX, LIVE_SUFFIX]) {
    const stripped = title.replace(suffix, '').trim();
    if (stripped !== '') title = stripped;
  }
  return title;
}

/** bodyText is plain text (no HTML to parse), "" for galleries and video; cut at a word. */
function bodyExcerpt(bodyText: string | undefined): string | null {
  if (bodyText === undefined) return null;
  const text = collapseWhitespace(bodyText);
  if (text === '') return null;
  if (text.length <= MAX_CONTENT_LENGTH) return text;
  const cut = text.slice(0, MAX_CONTENT_LENGTH - 1);
  const lastSpace = cut.lastIndexOf(' ');
  // Cut at the last word boundary unless that would throw away a large part of the excerpt.
  const excerpt = lastSpace > MAX_CONTENT_LENGTH * 0.8 ? cut.slice(0, lastSpace) : cut;
  return `${excerpt.replace(/[\s,;:.–—-]+$/, '')}…`;
}
