/**
 * Our public query syntax (the same as PostgreSQL's websearch_to_tsquery): words, "phrases",
 * -exclusions and OR. Parsed once here; each provider client renders the parsed form in its
 * upstream's own dialect (NewsAPI AND/OR/NOT, Guardian AND/OR/NOT with OR as its default operator,
 * Reddit's Lucene-like syntax).
 */

export interface QueryTerm {
  text: string;
  /** Quoted in the input: match the words adjacent and in order. */
  phrase: boolean;
  /** Prefixed with '-': must not match. */
  negated: boolean;
}

/** A disjunction (OR) of clauses, each a conjunction (AND) of terms. */
export type ParsedQuery = QueryTerm[][];

const TOKEN = /(-?)"([^"]*)"?|(\S+)/g;

/** Parses websearch syntax; never throws. Unbalanced quotes close at the end of the input. */
export function parseQuery(input: string): ParsedQuery {
  const clauses: ParsedQuery = [[]];
  for (const match of input.matchAll(TOKEN)) {
    const [, quoteNeg, quoted, bare] = match;
    if (bare === 'OR') {
      if ((clauses.at(-1) ?? []).length > 0) clauses.push([]);
      continue;
    }
    const term = toTerm(
      quoted !== undefined
        ? { neg: quoteNeg === '-', text: quoted, phrase: true }
        : parseBare(bare ?? ''),
    );
    if (term !== undefined) clauses.at(-1)?.push(term);
  }
  return clauses.filter((clause) => clause.some((t) => !t.negated));
}

function parseBare(token: string): { neg: boolean; text: string; phrase: boolean } {
  const neg = token.startsWith('-') && token.length > 1;
  return { neg, text: neg ? token.slice(1) : token, phrase: false };
}

function toTerm(raw: { neg: boolean; text: string; phrase: boolean }): QueryTerm | undefined {
  // Keep letters, digits, marks and a few joiners; upstream syntaxes treat the rest as operators.
  const text = raw.text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\p{M}'’.\-_ ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '' || text === '-') return undefined;
  return { text, phrase: raw.phrase || text.includes(' '), negated: raw.neg };
}

/**
 * Renders with explicit AND / OR / NOT keywords and double-quoted phrases, the dialect NewsAPI and
 * the Guardian share (the Guardian defaults to OR, so AND must be explicit).
 */
export function renderBoolean(query: ParsedQuery): string {
  const clauses = query.map((clause) => {
    const positive = clause.filter((t) => !t.negated).map(quote);
    const negative = clause.filter((t) => t.negated).map((t) => `NOT ${quote(t)}`);
    const body = [...positive, ...negative].join(' AND ');
    return query.length > 1 && clause.length > 1 ? `(${body})` : body;
  });
  return clauses.join(' OR ');
}

function quote(term: QueryTerm): string {
  const text = term.text.replace(/"/g, '');
  return term.phrase || /^(AND|OR|NOT)$/i.test(text) ? `"${text}"` : text;
}
