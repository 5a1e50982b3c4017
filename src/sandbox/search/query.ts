import { tokenize } from './tokens.js';

/**
 * The boolean query dialects of the three upstreams, parsed into one tree: words, "phrases",
 * AND / OR / NOT (upper case only), +must / -mustnot and parentheses. They differ in the operator
 * between adjacent words (OR for the Guardian, AND for NewsAPI and Reddit) and in Reddit's
 * `field:value` operators, which the sandbox searches as plain text.
 */

export type QueryNode =
  | { kind: 'term'; tokens: string[] }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  /** Adjacent items combined Lucene-style: +must, -mustnot, and the rest per the default. */
  | { kind: 'seq'; must: QueryNode[]; should: QueryNode[]; mustNot: QueryNode[] };

export interface Dialect {
  /** The operator between adjacent items without AND/OR. */
  adjacent: 'AND' | 'OR';
  /** Reddit: `title:foo` searches `foo`. */
  fieldOperators?: boolean;
}

type Token =
  | { type: 'word'; text: string; prefix: '' | '+' | '-' }
  | { type: 'phrase'; text: string; prefix: '' | '+' | '-' }
  | { type: 'op'; op: 'AND' | 'OR' | 'NOT' | '(' | ')'; prefix: '' | '+' | '-' };

const LEX = /([+-]?)(?:"([^"]*)"?|(\()|(\))|([^\s()"]+))/g;

function lex(input: string, dialect: Dialect): Token[] {
  const tokens: Token[] = [];
  for (const m of input.matchAll(LEX)) {
    const prefix = (m[1] ?? '') as '' | '+' | '-';
    if (m[2] !== undefined) tokens.push({ type: 'phrase', text: m[2], prefix });
    else if (m[3] !== undefined) tokens.push({ type: 'op', op: '(', prefix });
    else if (m[4] !== undefined) tokens.push({ type: 'op', op: ')', prefix: '' });
    else {
      let word = m[5] ?? '';
      if (prefix === '' && (word === 'AND' || word === 'OR' || word === 'NOT')) {
        tokens.push({ type: 'op', op: word, prefix });
        continue;
      }
      if (word === '&&') tokens.push({ type: 'op', op: 'AND', prefix: '' });
      else if (word === '||') tokens.push({ type: 'op', op: 'OR', prefix: '' });
      else {
        if (dialect.fieldOperators === true) word = word.replace(/^[a-z_]+:/i, '');
        tokens.push({ type: 'word', text: word, prefix });
      }
    }
  }
  return tokens;
}

/** Parses a query in the given dialect; never throws. An empty or all-operator query gives null. */
export function parseQuery(input: string, dialect: Dialect): QueryNode | null {
  const tokens = lex(input, dialect);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (op: string): boolean => {
    const t = peek();
    return t?.type === 'op' && t.op === op;
  };

  function orExpr(): QueryNode | null {
    const children = [seqExpr()];
    while (isOp('OR')) {
      pos++;
      children.push(seqExpr());
    }
    return combine('or', children);
  }

  // Adjacent items: each is an AND chain, so AND binds tighter than adjacency (Guardian docs).
  function seqExpr(): QueryNode | null {
    const must: QueryNode[] = [];
    const should: QueryNode[] = [];
    const mustNot: QueryNode[] = [];
    for (;;) {
      const t = peek();
      if (t === undefined || (t.type === 'op' && (t.op === 'OR' || t.op === ')'))) break;
      if (t.type === 'op' && t.op === 'AND') {
        pos++; // a dangling AND: ignore it
        continue;
      }
      const item = andExpr();
      if (item === null) continue;
      if (item.kind === 'not') mustNot.push(item.child);
      else if (item.required || dialect.adjacent === 'AND') must.push(item.node);
      else should.push(item.node);
    }
    const total = must.length + should.length + mustNot.length;
    if (total === 0) return null;
    if (total === 1 && mustNot.length === 0) return must[0] ?? should[0] ?? null;
    return { kind: 'seq', must, should, mustNot };
  }

  type Item =
    { kind: 'not'; child: QueryNode } | { kind: 'pos'; node: QueryNode; required: boolean };

  function andExpr(): Item | null {
    const items = [unary()];
    while (isOp('AND')) {
      pos++;
      items.push(unary());
    }
    const present = items.filter((i): i is Item => i !== null);
    if (present.length <= 1) return present[0] ?? null;
    const children = present.map((i): QueryNode => (i.kind === 'not' ? i : i.node));
    return { kind: 'pos', node: { kind: 'and', children }, required: false };
  }

  function unary(): Item | null {
    const t = peek();
    if (t === undefined) return null;
    if (t.type === 'op' && t.op === 'NOT') {
      pos++;
      const child = unary();
      if (child === null) return null;
      return child.kind === 'not'
        ? { kind: 'pos', node: child.child, required: true }
        : { kind: 'not', child: child.node };
    }
    const node = primary();
    if (node === null) return null;
    if (t.prefix === '-') return { kind: 'not', child: node };
    return { kind: 'pos', node, required: t.prefix === '+' };
  }

  function primary(): QueryNode | null {
    const t = peek();
    if (t === undefined) return null;
    pos++;
    if (t.type === 'op') {
      if (t.op !== '(') return null;
      const inner = orExpr();
      if (isOp(')')) pos++;
      return inner;
    }
    const words = tokenize(t.text);
    return words.length === 0 ? null : { kind: 'term', tokens: words };
  }

  const root = orExpr();
  // Unmatched ')' stop a level early; parse the rest as more alternatives.
  const rest: (QueryNode | null)[] = [root];
  while (pos < tokens.length) {
    pos++;
    rest.push(orExpr());
  }
  return combine('or', rest);
}

function combine(kind: 'and' | 'or', nodes: (QueryNode | null)[]): QueryNode | null {
  const children = nodes.filter((n): n is QueryNode => n !== null);
  if (children.length <= 1) return children[0] ?? null;
  return { kind, children };
}
