import { guardianWebTitle } from '../corpus/guardian-meta.js';
import type { Corpus, GuardianMeta, Story } from '../corpus/story.js';
import { isoSeconds } from '../http.js';
import { hashString } from '../random.js';

/**
 * Guardian Content items. `fields` appears only when show-fields is sent, holds only the fields an
 * item has, and every value is a string, numbers and booleans included (upstream-apis.md §2.7).
 */

export interface GuardianStory {
  story: Story;
  meta: GuardianMeta;
  /** webPublicationDate in epoch ms: the *last* publication, later than the first for live blogs. */
  published: number;
}

const cache = new WeakMap<Corpus, GuardianStory[]>();

/** The Guardian's own stories in a corpus, newest first by webPublicationDate. */
export function guardianStories(corpus: Corpus): GuardianStory[] {
  let items = cache.get(corpus);
  if (items !== undefined) return items;
  items = corpus.stories.flatMap((story) => {
    if (story.guardian === null) return [];
    let published = story.publishedAt;
    if (story.kind === 'liveblog') {
      const shift = (hashString(`live:${story.id}`)[0] % 21_600) * 1000;
      published = Math.min(story.publishedAt + shift, corpus.anchor - 1000);
    }
    return [{ story, meta: story.guardian, published }];
  });
  items.sort((a, b) => b.published - a.published);
  cache.set(corpus, items);
  return items;
}

const FIELD_NAMES = [
  'headline',
  'standfirst',
  'trailText',
  'byline',
  'body',
  'bodyText',
  'thumbnail',
  'shortUrl',
  'wordcount',
  'charCount',
  'lastModified',
  'firstPublicationDate',
  'commentable',
  'isPremoderated',
  'liveBloggingNow',
  'productionOffice',
  'publication',
  'showInRelatedContent',
  'shouldHideAdverts',
  'lang',
  'isInappropriateForSponsorship',
  'legallySensitive',
];

const html = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function allFields(item: GuardianStory, anchor: number): Record<string, string | undefined> {
  const { story, meta } = item;
  const bodyText =
    meta.type === 'gallery' || meta.type === 'video' ? '' : story.paragraphs.join(' ');
  const byline =
    story.authors.length > 0 && meta.hasByline ? story.authors.join(' and ') : undefined;
  const trail =
    story.kind === 'analysis'
      ? `<strong>Analysis:</strong> ${html(story.description)}`
      : html(story.description);
  const live = story.kind === 'liveblog';
  return {
    headline: html(story.title),
    standfirst: `<p>${html(story.description)}</p>`,
    trailText: meta.hasTrailText ? trail : undefined,
    byline,
    body: story.paragraphs.map((p) => `<p>${html(p)}</p>`).join(''),
    bodyText,
    thumbnail: meta.thumbnail ?? undefined,
    shortUrl: meta.shortUrl,
    wordcount: String(bodyText === '' ? 0 : bodyText.split(/\s+/).length),
    charCount: String(bodyText.length),
    lastModified: isoSeconds(Math.min(item.published + 600_000, anchor - 1000)),
    firstPublicationDate: isoSeconds(story.publishedAt),
    commentable: String(!meta.isHosted && story.kind !== 'liveblog'),
    isPremoderated: 'false',
    liveBloggingNow: live ? String(anchor - item.published < 86_400_000) : undefined,
    productionOffice: story.topic === 'americas' ? 'US' : story.topic === 'asia' ? 'AUS' : 'UK',
    publication: story.index % 7 === 0 ? 'The Observer' : 'theguardian.com',
    showInRelatedContent: 'true',
    shouldHideAdverts: String(meta.isHosted),
    lang: story.language,
    isInappropriateForSponsorship: 'false',
    legallySensitive: 'false',
  };
}

/** A Content item as /search lists it; `fields` only when show-fields asked for some. */
export function toContent(
  item: GuardianStory,
  showFields: ReadonlySet<string> | 'all' | null,
  anchor: number,
): Record<string, unknown> {
  const { story, meta } = item;
  const content: Record<string, unknown> = {
    id: meta.id,
    type: meta.type,
    sectionId: meta.sectionId,
    sectionName: meta.sectionName,
    webPublicationDate: isoSeconds(item.published),
    webTitle: guardianWebTitle(story),
    webUrl: `https://www.theguardian.com/${meta.id}`,
    apiUrl: `https://content.guardianapis.com/${meta.id}`,
  };
  if (showFields !== null) {
    const all = allFields(item, anchor);
    const fields: Record<string, string> = {};
    for (const name of FIELD_NAMES) {
      const value = all[name];
      if (value !== undefined && (showFields === 'all' || showFields.has(name)))
        fields[name] = value;
    }
    content.fields = fields;
  }
  content.isHosted = meta.isHosted;
  if (meta.pillar !== null) {
    content.pillarId = meta.pillar.id;
    content.pillarName = meta.pillar.name;
  }
  return content;
}
