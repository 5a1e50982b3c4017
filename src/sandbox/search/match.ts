import type { QueryNode } from './query.js';
import { countPhrase, type FieldTokens } from './tokens.js';

/**
 * Evaluates a parsed query against a document's tokenised fields and scores the hits, so each
 * upstream emulator can filter and sort by relevance over the fields it searches.
 */

export type SearchFields = readonly (readonly [FieldTokens, number])[];

/** True when the document (its selected fields with their weights) satisfies the query. */
export function matches(node: QueryNode, fields: SearchFields): boolean {
  switch (node.kind) {
    case 'term':
      return fields.some(([field]) => countPhrase(field, node.tokens, 1) > 0);
    case 'and':
      return node.children.every((child) => matches(child, fields));
    case 'or':
      return node.children.some((child) => matches(child, fields));
    case 'not':
      return !matches(node.child, fields);
    case 'seq':
      return (
        node.must.every((child) => matches(child, fields)) &&
        !node.mustNot.some((child) => matches(child, fields)) &&
        (node.should.length === 0 ||
          node.must.length > 0 ||
          node.should.some((child) => matches(child, fields)))
      );
  }
}

/** Relevance: weighted occurrences of the query's positive terms (capped per field). */
export function score(node: QueryNode, fields: SearchFields): number {
  switch (node.kind) {
    case 'term':
      return fields.reduce(
        (sum, [field, weight]) => sum + weight * countPhrase(field, node.tokens),
        0,
      );
    case 'and':
    case 'or':
      return node.children.reduce((sum, child) => sum + score(child, fields), 0);
    case 'not':
      return 0;
    case 'seq':
      return [...node.must, ...node.should].reduce((sum, child) => sum + score(child, fields), 0);
  }
}
