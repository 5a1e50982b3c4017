import vader from 'vader-sentiment';

/**
 * What VADER (built on social-media text) misses in news headlines, as extra valence on VADER's own
 * -4..+4 scale. Three parts, each general news vocabulary rather than fitted to our test headlines:
 *
 * - NEWS_WORDS: words VADER's lexicon does not know at all ("famine", "layoffs", "reunited").
 *   A unit test checks every one of them still scores 0 in VADER, so nothing is counted twice.
 * - Direction: in headlines the direction of a quantity carries the news. "Unemployment falls" is
 *   good, "wages fall" bad, "rents soar" bad; VADER scores none of them (or the wrong way).
 * - PHRASES: set phrases whose VADER reading is wrong ("killer app", "lays off", "no one hurt");
 *   the adjustment replaces VADER's own score of the phrase with the one a reader would give.
 */

// prettier-ignore
const NEWS_WORDS: Readonly<Record<string, number>> = {
  // disasters, violence, harm
  famine: -3, starvation: -3, malnutrition: -2.5, outbreak: -2, epidemic: -2, pandemic: -2,
  cholera: -2, measles: -1.5, disease: -1.5, virus: -1.5, infection: -1.5, infections: -1.5,
  earthquake: -2.5, landslide: -2.5, avalanche: -2, hurricane: -2, tornado: -2, wildfire: -2,
  wildfires: -2, flood: -2, floods: -2, flooding: -2, drought: -2, heatwave: -1, eruption: -2,
  derailment: -2.5, capsizes: -2.5, capsized: -2.5, sinks: -1.5, sank: -1.5, blaze: -2,
  inferno: -2.5, explosion: -2, rubble: -2, wreckage: -2, casualties: -2.5, wounded: -2,
  deadly: -2.5, dies: -2.5, deaths: -2.5, stabbing: -3, shooting: -2.5, gunman: -2.5,
  massacre: -3.5, genocide: -3.5, hostage: -2, hostages: -2, kidnapped: -2.5, looting: -2,
  toxic: -2, contaminated: -2, spill: -1.5, pollution: -1.5, mould: -1, flee: -2, fled: -2,
  fleeing: -2, displaced: -2, displaces: -2, evacuate: -1.5, evacuated: -1.5, evacuation: -1.5,
  stranded: -2, stranding: -2, homeless: -2, homelessness: -2, extinction: -2.5, batters: -1.5,
  lashes: -1.5, buries: -2, blackens: -1.5, flattening: -1.5, outage: -1.5, blackout: -1.5,
  // crime, courts, security
  corruption: -2.5, heist: -2, breach: -1.5, hack: -1.5, hackers: -1.5, cyberattack: -2.5,
  ransomware: -2.5, convicted: -2, indicted: -2, fined: -1.5, allegations: -1.5,
  // economy and work
  layoffs: -2.5, layoff: -2.5, redundancies: -2.5, bankruptcy: -2.5, downturn: -2, closure: -1.5,
  closures: -1.5, shutdown: -1.5, sacked: -1.5, recalls: -1, slump: -2, slumps: -2, plunge: -2,
  plunges: -2, plunged: -2, tumble: -1.5, tumbles: -1.5, rebound: 1.5, rebounds: 1.5, recovery: 1.5,
  recovers: 1.5, recovered: 1.5, surplus: 1.5, hiring: 1.5, affordable: 1, reopen: 1.5,
  reopens: 1.5, reopened: 1.5,
  // good news
  reunited: 2.5, cure: 2.5, cures: 2.5, cured: 2.5, breakthrough: 2.5, unharmed: 2, unscathed: 2,
  victory: 2.5, clinches: 2, clinch: 2, comeback: 2, ovation: 2, milestone: 1.5, gold: 1, thrive: 2,
  thrives: 2, donates: 2, donation: 1.5, donations: 1.5, volunteers: 1, rescuers: 1.5,
  ceasefire: 1.5, truce: 1.5, eradicated: 2, heal: 2, heals: 2, healed: 2, scholarship: 1.5,
  scholarships: 1.5,
};

// Quantities where "up" is bad news, and where "up" is good news.
// prettier-ignore
const BAD_WHEN_UP = new Set(
  (
    'unemployment jobless joblessness crime crimes deaths casualties inflation poverty emissions ' +
    'pollution prices fares bills rents costs debt deficit cases infections homelessness ' +
    'layoffs shoplifting taxes fees waiting'
  ).split(' '),
);
// prettier-ignore
const GOOD_WHEN_UP = new Set(
  (
    'wages pay sales shares stocks profits profit growth confidence output exports jobs hiring ' +
    'employment funding investment savings pensions survival revenue earnings demand'
  ).split(' '),
);
// prettier-ignore
const UP = new Set(
  (
    'rise rises rising rose risen surge surges surged soar soars soared jump jumps jumped climb ' +
    'climbs climbed double doubles doubled hike hikes hiked increase increases increased higher ' +
    'highest high spike spikes rocket rockets up'
  ).split(' '),
);
// prettier-ignore
const DOWN = new Set(
  (
    'fall falls fell fallen falling drop drops dropped ease eases eased shrink shrinks shrank ' +
    'slash slashes slashed cut cuts down decline declines declined lower lowest low fewer ' +
    'plunge plunges slump slumps tumble tumbles halve halved dip dips slow slows slowing'
  ).split(' '),
);
const DIRECTION_VALENCE = 2.5;

// Phrase -> the valence a news reader gives it (VADER's own score of the phrase is replaced).
// prettier-ignore
const PHRASES: Readonly<Record<string, number>> = {
  'killer app': 1.5, 'crushes expectations': 2, 'beats expectations': 2, 'beats forecasts': 2,
  'smashes expectations': 2, 'tops forecasts': 2, 'lays off': -2.5, 'laid off': -2.5,
  'job cuts': -2.5, 'crash course': 0, 'interest rates': 0, 'no survivors': -3, 'no one hurt': 2,
  'no one injured': 2, 'nobody hurt': 2, 'nobody injured': 2, 'no injuries': 2,
  'record breaking': 2,
};

const NEGATIONS = new Set(['not', 'no', 'never', 'without', 'nobody', 'none', "isn't", "wasn't"]);
const NEGATION_SCALAR = -0.74; // VADER's own N_SCALAR

/** VADER's compound is normalise(sum of valences); this recovers the sum (to 4 decimals). */
export function valenceSum(compound: number): number {
  const c = Math.max(-0.9999, Math.min(0.9999, compound));
  return (c * Math.sqrt(15)) / Math.sqrt(1 - c * c);
}

/** VADER's normalisation, back from a sum of valences to [-1, 1]. */
export function normalise(sum: number): number {
  return Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + 15)));
}

// Each phrase's adjustment = what it should weigh - what VADER already gives it.
const PHRASE_ADJUSTMENTS = Object.entries(PHRASES).map(([phrase, wanted]) => ({
  pattern: ` ${phrase} `,
  adjustment:
    wanted - valenceSum(vader.SentimentIntensityAnalyzer.polarity_scores(phrase).compound),
}));

/** Lower-case words, possessive "'s" dropped, hyphenated words split. */
export function headlineWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9']+/g) ?? []).map((w) => w.replace(/'s$|^'|'$/g, ''));
}

// A word's weight before any rule here: VADER's (recovered from its score alone) plus ours.
const ownValenceCache = new Map<string, number>();
function ownValence(word: string): number {
  let valence = ownValenceCache.get(word);
  if (valence === undefined) {
    const compound = vader.SentimentIntensityAnalyzer.polarity_scores(word).compound;
    valence = valenceSum(compound) + (NEWS_WORDS[word] ?? 0);
    ownValenceCache.set(word, valence);
  }
  return valence;
}

/**
 * "Quantity + direction" replaces what the two words weigh alone: "unemployment falls to lowest"
 * is good news, though VADER scores both "unemployment" and "lowest" as negative.
 */
function directionValence(words: readonly string[], i: number, quantity: string): number {
  const sign = BAD_WHEN_UP.has(quantity) ? -1 : GOOD_WHEN_UP.has(quantity) ? 1 : 0;
  if (sign === 0) return 0;
  // The verb usually follows the quantity ("prices soar"), an adjective precedes it ("fewer deaths").
  const near = [...words.slice(Math.max(0, i - 2), i), ...words.slice(i + 1, i + 4)];
  const direction = near.find((w) => UP.has(w) || DOWN.has(w));
  if (direction === undefined) return 0;
  const wanted = (UP.has(direction) ? sign : -sign) * DIRECTION_VALENCE;
  return wanted - ownValence(quantity) - ownValence(direction);
}

/** Extra valence (VADER scale) for what VADER misses in this text; 0 when nothing applies. */
export function headlineValence(words: readonly string[]): number {
  let sum = 0;
  words.forEach((word, i) => {
    const direction = directionValence(words, i, word);
    if (direction !== 0) {
      sum += direction;
      return;
    }
    const valence = NEWS_WORDS[word];
    if (valence === undefined) return;
    const negated = words.slice(Math.max(0, i - 3), i).some((w) => NEGATIONS.has(w));
    sum += negated ? valence * NEGATION_SCALAR : valence;
  });
  const joined = ` ${words.join(' ')} `;
  for (const { pattern, adjustment } of PHRASE_ADJUSTMENTS) {
    if (joined.includes(pattern)) sum += adjustment;
  }
  return sum;
}

/** The words of NEWS_WORDS, for the test that keeps them disjoint from VADER's lexicon. */
export const newsWords = (): string[] => Object.keys(NEWS_WORDS);
