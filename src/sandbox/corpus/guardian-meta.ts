import { hexFrom, type Random } from '../random.js';
import type { GuardianMeta, StoryKind } from './story.js';
import { canonicalArticleUrl } from './urls.js';
import { GUARDIAN } from './outlets.js';
import type { Topic } from './vocab/topics.js';

/** What the Guardian knows about its own stories: id (the URL path), type, section, pillar. */

const PILLARS = {
  news: { id: 'pillar/news', name: 'News' },
  sport: { id: 'pillar/sport', name: 'Sport' },
  arts: { id: 'pillar/arts', name: 'Arts' },
  opinion: { id: 'pillar/opinion', name: 'Opinion' },
} as const;

const SHORT_ALPHABET = 'abcdefghijkmnpqrstvwxyz23456789';

interface StoryFacts {
  id: string;
  topic: Topic;
  kind: StoryKind;
  title: string;
  publishedAt: number;
}

/** Guardian metadata for a Guardian story; about 1% are hosted (paid-for) pieces without a pillar. */
export function guardianMeta(r: Random, story: StoryFacts): GuardianMeta {
  const hosted = story.kind === 'article' && r.chance(0.012);
  const [topicSection, topicSectionName, pillarKey] = story.topic.guardianSection;
  const [sectionId, sectionName, pillar] = hosted
    ? (['advertiser-content', 'Advertiser content', null] as const)
    : story.kind === 'opinion'
      ? (['commentisfree', 'Opinion', PILLARS.opinion] as const)
      : ([topicSection, topicSectionName, PILLARS[pillarKey]] as const);
  const url = canonicalArticleUrl(
    GUARDIAN,
    sectionId,
    story.title,
    story.publishedAt,
    story.id,
    story.kind === 'liveblog',
  );
  const hash = hexFrom(`thumb:${story.id}`, 40);
  const short = Array.from(hexFrom(`short:${story.id}`, 10).match(/../g) ?? [], (pair) =>
    SHORT_ALPHABET.charAt(parseInt(pair, 16) % SHORT_ALPHABET.length),
  )
    .join('')
    .slice(0, 5);
  return {
    id: new URL(url).pathname.slice(1),
    type:
      story.kind === 'liveblog' || story.kind === 'gallery' || story.kind === 'video'
        ? story.kind
        : 'article',
    sectionId,
    sectionName,
    pillar,
    isHosted: hosted,
    shortUrl: `https://www.theguardian.com/p/${short}`,
    thumbnail: r.chance(0.8) ? `https://media.guim.co.uk/${hash}/0_0_5000_3000/500.jpg` : null,
    hasByline: r.chance(0.9),
    hasTrailText: r.chance(0.95),
  };
}

/** The Guardian's webTitle: opinion pieces end " | Author", live blogs " – live". */
export function guardianWebTitle(story: {
  title: string;
  kind: StoryKind;
  authors: readonly string[];
}): string {
  if (story.kind === 'opinion' && story.authors[0] !== undefined) {
    return `${story.title} | ${story.authors[0]}`;
  }
  if (story.kind === 'liveblog') return `${story.title.replace(/: latest updates$/, '')} – live`;
  return story.title;
}
