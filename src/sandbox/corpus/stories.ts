import { createRandom, hexFrom, type Random } from '../random.js';
import { fieldTokens } from '../search/tokens.js';
import { GUARDIAN, OUTLETS, type Outlet } from './outlets.js';
import { guardianMeta } from './guardian-meta.js';
import type { Language, Story, StoryKind } from './story.js';
import { body, foreignBody, foreignHeadline, headline, standfirst } from './text.js';
import { canonicalArticleUrl } from './urls.js';
import { LANGUAGES } from './vocab/languages.js';
import { FIRST_NAMES, JOB_TITLES, LAST_NAMES, NON_LATIN_BYLINES } from './vocab/people.js';
import { TOPICS, type Topic } from './vocab/topics.js';

/** Story generation: each story draws from its own PRNG stream, so stories are independent. */

const DAY_MS = 86_400_000;
const SPAN_DAYS = 60;

const URL_SECTION: Record<string, string> = {
  economy: 'business',
  climate: 'environment',
  culture: 'entertainment',
  europe: 'world/europe',
  'middle-east': 'world/middle-east',
  asia: 'world/asia',
  africa: 'world/africa',
  americas: 'world/americas',
};

/** Generates `count` stories dated in the SPAN_DAYS before `anchor`, with unique titles. */
export function generateStories(seed: string, anchor: number, count: number): Story[] {
  const titles = new Set<string>();
  const stories: Story[] = [];
  for (let index = 0; index < count; index++) {
    stories.push(generateStory(seed, index, anchor, titles));
  }
  return stories;
}

function generateStory(seed: string, index: number, anchor: number, titles: Set<string>): Story {
  const r = createRandom(`${seed}/story/${index}`);
  const id = `st${String(index).padStart(5, '0')}`;
  const foreign = r.chance(0.12) ? r.pick(LANGUAGES) : null;
  const topic = foreign === null ? r.pick(TOPICS) : topicById(foreign.topic);
  const language: Language = foreign?.language ?? 'en';
  const outlet = pickOutlet(r, topic, language);
  const kind = pickKind(r, outlet);
  const name = (): string => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;

  let title = '';
  for (let attempt = 0; attempt < 20 && (title === '' || titles.has(title)); attempt++) {
    title = foreign === null ? headline(r, topic, kind) : foreignHeadline(r, foreign);
    if (attempt >= 10) title = `${title} (${r.pick(topic.places)})`;
  }
  titles.add(title);
  const description =
    foreign === null ? standfirst(r, topic) : (foreignBody(r, foreign, 1)[0] ?? title);
  // Bodies are most of the corpus's bytes: they come from their own stream, on first use.
  let paragraphs: string[] | undefined;
  const bodyOf = (): string[] => {
    if (paragraphs !== undefined) return paragraphs;
    const b = createRandom(`${seed}/story/${index}/body`);
    const bodyName = (): string => `${b.pick(FIRST_NAMES)} ${b.pick(LAST_NAMES)}`;
    paragraphs = foreign === null ? body(b, topic, bodyName) : foreignBody(b, foreign);
    return paragraphs;
  };

  // Skewed towards recent days, as a news feed is; whole seconds, strictly before the anchor.
  const ageMs = Math.max(60_000, Math.floor(SPAN_DAYS * DAY_MS * r.next() ** 1.4));
  const publishedAt = Math.floor((anchor - ageMs) / 1000) * 1000;
  const authors = pickAuthors(r, outlet, name);
  const section = outlet === GUARDIAN ? '' : (URL_SECTION[topic.id] ?? topic.id);
  const guardian =
    outlet === GUARDIAN ? guardianMeta(r, { id, topic, kind, title, publishedAt }) : null;
  const url =
    guardian?.id !== undefined
      ? `https://www.theguardian.com/${guardian.id}`
      : canonicalArticleUrl(
          outlet,
          outlet.urlStyle === 'bbc' ? section.replace('/', '-') : section,
          title,
          publishedAt,
          id,
        );
  let search: Story['search'] | undefined;
  return {
    index,
    id,
    topic: topic.id,
    category: topic.newsapiCategory,
    language,
    kind,
    title,
    description,
    get paragraphs() {
      return bodyOf();
    },
    authors,
    authorRole: outlet === GUARDIAN && r.chance(0.3) ? r.pick(JOB_TITLES) : null,
    outlet,
    url,
    imageUrl: r.chance(0.85) ? imageUrl(outlet, id) : null,
    publishedAt,
    popularity: r.next() ** 3,
    guardian,
    // Tokenised on first search: most of the build time otherwise, and many runs never search.
    get search() {
      search ??= {
        title: fieldTokens(title),
        description: fieldTokens(description),
        body: fieldTokens(bodyOf().join('\n\n')),
      };
      return search;
    },
  };
}

function topicById(id: string): Topic {
  return TOPICS.find((t) => t.id === id) ?? (TOPICS[0] as Topic);
}

function pickOutlet(r: Random, topic: Topic, language: Language): Outlet {
  if (language !== 'en') return r.pick(OUTLETS.filter((o) => o.language === language));
  if (r.chance(0.24)) return GUARDIAN;
  const fits = OUTLETS.filter(
    (o) =>
      o !== GUARDIAN &&
      o.language === 'en' &&
      (o.topics.length === 0 || o.topics.includes(topic.id)),
  );
  return r.pick(fits);
}

function pickKind(r: Random, outlet: Outlet): StoryKind {
  if (outlet !== GUARDIAN) return r.chance(0.05) ? 'analysis' : 'article';
  return r.weighted<StoryKind>([
    ['article', 70],
    ['opinion', 10],
    ['liveblog', 8],
    ['analysis', 4],
    ['gallery', 4],
    ['video', 4],
  ]);
}

function pickAuthors(r: Random, outlet: Outlet, name: () => string): string[] {
  if (!r.chance(outlet.bylineRate)) return [];
  if (outlet.language !== 'en' && r.chance(0.4)) return [r.pick(NON_LATIN_BYLINES)];
  const count = r.weighted([
    [1, 80],
    [2, 15],
    [3, 5],
  ]);
  return Array.from({ length: count }, name);
}

function imageUrl(outlet: Outlet, id: string): string {
  const hash = hexFrom(`img:${id}`, 40);
  if (outlet === GUARDIAN) {
    return `https://i.guim.co.uk/img/media/${hash}/0_0_5000_3000/master/5000.jpg?width=1200&height=630&quality=85&auto=format&fit=crop&s=${hash.slice(0, 32)}`;
  }
  return `https://cdn.${outlet.host.replace(/^www\./, '')}/images/${hash.slice(0, 16)}.jpg`;
}
