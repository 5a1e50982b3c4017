import type { Random } from '../random.js';
import type { StoryKind } from './story.js';
import type { LanguageVocab } from './vocab/languages.js';
import type { Topic } from './vocab/topics.js';

/**
 * Headlines, standfirsts and bodies assembled from a topic's vocabulary. Punctuation is
 * typographic (’ “ ” –) as in real copy; a few headlines get emoji or run past 200 characters.
 */

const QUOTES =
  'We have no choice|This is a turning point|It’s a disaster waiting to happen|Nobody saw this coming|We will not back down|It feels like a betrayal'.split(
    '|',
  );
const EFFECTS =
  'could reshape the debate|surprised analysts|critics say is long overdue|is likely to face legal challenges|was welcomed by campaigners|caught markets off guard'.split(
    '|',
  );
const EMOJI = ['🔥', '🚀', '⚠️', '🌍', '📉', '🇺🇦', '👀', '🏆'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ORDINALS = ['second', 'third', 'fourth', 'fifth'];

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lower = (s: string): string =>
  /^(The|A|An) /.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;

// Actors ending in 's' are plural, except these.
const SINGULAR = new Set(['Brussels', 'Serena Williams', 'Hamas']);

/** The action agreeing with the actor: "unveils" stays for one, becomes "unveil" for many. */
export function conjugate(actor: string, action: string): string {
  if (!actor.endsWith('s') || SINGULAR.has(actor)) return action;
  const [verb = '', ...rest] = action.split(' ');
  const plural =
    verb === 'is'
      ? 'are'
      : verb === 'has'
        ? 'have'
        : /(ch|sh|ss|x)es$/.test(verb)
          ? verb.slice(0, -2)
          : /ies$/.test(verb)
            ? `${verb.slice(0, -3)}y`
            : verb.replace(/s$/, '');
  return [plural, ...rest].join(' ');
}

/** An English headline for a story of the given kind. */
export function headline(r: Random, topic: Topic, kind: StoryKind): string {
  const actor = r.pick(topic.actors);
  const action = conjugate(actor, r.pick(topic.actions));
  const object = r.pick(topic.objects);
  if (kind === 'opinion') {
    return r.pick([
      `${cap(object)} is a test ${lower(actor)} cannot afford to fail`,
      `The truth about ${object} – and why it matters`,
      `Why ${object} should worry us all`,
      `I was wrong about ${object}. Here’s what changed my mind`,
    ]);
  }
  if (kind === 'liveblog') return `${actor} ${action} ${object}: latest updates`;
  const text = r.weighted<string>([
    [`${actor} ${action} ${object} ${r.pick(topic.contexts)}`, 5],
    [`${actor} ${action} ${object}`, 3],
    [`${actor} ${action} ${object} in ${r.pick(topic.places)}`, 2],
    [`‘${r.pick(QUOTES)}’: ${actor} ${action} ${object}`, 2],
    [`What ${object} means for ${r.pick(topic.nouns)}`, 1],
  ]);
  if (r.chance(0.012)) return longHeadline(r, topic, text);
  return r.chance(0.02) ? `${text} ${r.pick(EMOJI)}` : text;
}

function longHeadline(r: Random, topic: Topic, start: string): string {
  let text = start;
  while (text.length <= 210) {
    const actor = r.pick(topic.actors);
    text += `, as ${lower(actor)} ${conjugate(actor, r.pick(topic.actions))} ${r.pick(topic.objects)}`;
  }
  return `${text} – what we know so far`;
}

/** A standfirst: one or two sentences that expand the headline. */
export function standfirst(r: Random, topic: Topic): string {
  const actor = r.pick(topic.actors);
  const first = `${actor} ${conjugate(actor, r.pick(topic.actions))} ${r.pick(topic.objects)} ${r.pick(topic.contexts)}, in a move that ${r.pick(EFFECTS)}.`;
  return r.chance(0.5)
    ? `${first} ${cap(r.pick(topic.nouns))} and ${r.pick(topic.nouns)} are at stake.`
    : first;
}

/** Four to seven paragraphs of two or three sentences each. */
export function body(r: Random, topic: Topic, name: () => string): string[] {
  const paragraphs: string[] = [];
  for (let p = r.int(4, 7); p > 0; p--) {
    const sentences: string[] = [];
    for (let s = r.int(2, 3); s > 0; s--) sentences.push(sentence(r, topic, name));
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs;
}

function sentence(r: Random, topic: Topic, name: () => string): string {
  const { actors, objects, nouns, contexts, places } = topic;
  switch (r.int(0, 9)) {
    case 0:
      return `${r.pick(actors)} said on ${r.pick(WEEKDAYS)} that ${r.pick(objects)} would be “a priority” for the coming months.`;
    case 1:
      return `The decision comes ${r.pick(contexts)}, with ${r.pick(nouns)} and ${r.pick(nouns)} at the centre of the debate.`;
    case 2:
      return `“This is about ${r.pick(nouns)}, not politics,” one senior figure told reporters in ${r.pick(places)}.`;
    case 3:
      return `Critics argue that ${r.pick(objects)} does little to address concerns over ${r.pick(nouns)}.`;
    case 4:
      return `Figures published this week show ${r.pick(nouns)} up ${r.int(2, 48)}% on last year.`;
    case 5:
      return `Analysts expect ${r.pick(nouns)} to remain in focus ${r.pick(contexts)}.`;
    case 6:
      return `In ${r.pick(places)}, reaction was mixed – some welcomed the move, others called it “too little, too late”.`;
    case 7:
      return `${name()}, a spokesperson, said: “We are looking closely at ${r.pick(objects)}.”`;
    case 8:
      return `It is the ${r.pick(ORDINALS)} time this year that ${r.pick(nouns)} has dominated the headlines.`;
    default:
      return 'The full details are expected to be published later this month.';
  }
}

/** The first `max` code points of a text (Reddit and NewsAPI count characters, not UTF-16 units). */
export function truncateCodePoints(text: string, max: number): string {
  let out = '';
  let count = 0;
  for (const char of text) {
    if (count++ >= max) break;
    out += char;
  }
  return out;
}

/** The number of code points in a text. */
export function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate starts a pair that counts once.
    if (unit < 0xd800 || unit > 0xdbff) count++;
  }
  return count;
}

/** A headline in another language (word order kept simple: subject, verb, object, context). */
export function foreignHeadline(r: Random, vocab: LanguageVocab): string {
  const parts = [r.pick(vocab.actors), r.pick(vocab.actions), r.pick(vocab.objects)];
  if (r.chance(0.6)) parts.push(r.pick(vocab.contexts));
  return parts.join(vocab.space);
}

/** Paragraphs (three to five unless `count` says) in another language from its templates. */
export function foreignBody(r: Random, vocab: LanguageVocab, count?: number): string[] {
  const fill = (template: string): string =>
    template
      .replace('{actor}', r.pick(vocab.actors))
      .replace('{object}', r.pick(vocab.objects))
      .replace('{place}', r.pick(vocab.places));
  return Array.from({ length: count ?? r.int(3, 5) }, () =>
    Array.from({ length: r.int(2, 3) }, () => fill(r.pick(vocab.sentences))).join(vocab.space),
  );
}
