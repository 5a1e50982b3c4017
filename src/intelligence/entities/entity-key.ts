/**
 * The storage key of an entity: one row however a text writes the name. "President Joe Biden",
 * "Joe Biden's" and "JOE BIDEN" all become "joe biden"; "Beyoncé" becomes "beyonce".
 */

// Titles and honorifics dropped from the front of a name (longest first: "prime minister").
const TITLES = [
  'prime minister', 'foreign minister', 'first minister', 'vice president', 'chief executive',
  'president', 'minister', 'chancellor', 'senator', 'sen', 'rep', 'congressman', 'congresswoman',
  'governor', 'gov', 'mayor', 'king', 'queen', 'prince', 'princess', 'pope', 'sir', 'dame', 'lord',
  'lady', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'judge', 'justice', 'general',
  'gen', 'rev', 'archbishop', 'bishop', 'chairman', 'secretary', 'the',
]; // prettier-ignore
const TITLE_PREFIX = new RegExp(`^(?:(?:${TITLES.join('|')})(?: |$))+`);

/** Case, accents and punctuation folded; leading titles and possessives dropped; '' if nothing left. */
export function entityKey(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b|(?<=s)['’](?!\w)/g, '') // possessives: "Biden's", "Wales'"
    .replace(/\./g, '') // "U.S." and "US" are one key
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // A bare title ("The President") is left empty: it is not a name.
  return folded.replace(TITLE_PREFIX, '').trim();
}

const DISPLAY_TITLE = new RegExp(`^(?:(?:${TITLES.join('|')})\\.? )+`, 'i');

/** The name as written, leading titles dropped ("President Joe Biden" -> "Joe Biden"). */
export function stripTitles(name: string): string {
  return name.replace(DISPLAY_TITLE, '');
}
