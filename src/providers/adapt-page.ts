import type { TSchema, Static } from '@sinclair/typebox';
import type { ArticleDraft } from '../articles/article.js';
import { validateWire } from './http/validate-wire.js';
import { isProviderError, type ProviderError } from './provider-error.js';

/** One item's outcome: a draft, or the reason it is dropped (removed, undated, ...). */
export type Adapted<Reason extends string> =
  { ok: true; draft: ArticleDraft } | { ok: false; reason: Reason };

export interface AdaptedPage<Reason extends string> {
  articles: ArticleDraft[];
  dropped: Partial<Record<Reason | 'malformed' | 'duplicate', number>>;
}

/**
 * The loop every provider runs over a page of raw items: check each against the wire schema on
 * its own (one odd item is dropped, not the page), adapt it, drop repeats of the same identity,
 * and count every drop by reason. When every item fails the schema the upstream's format has
 * changed, so the first schema error is thrown instead of returning an empty page.
 */
export function adaptPage<S extends TSchema, Reason extends string>(options: {
  provider: string;
  what: string;
  schema: S;
  items: readonly unknown[];
  adapt: (item: Static<S>) => Adapted<Reason>;
  /** Identity for in-page duplicates: the canonical URL or the provider's own id. */
  identity: (draft: ArticleDraft) => string;
}): AdaptedPage<Reason> {
  const articles: ArticleDraft[] = [];
  const dropped: AdaptedPage<Reason>['dropped'] = {};
  const seen = new Set<string>();
  let firstMalformed: ProviderError | undefined;
  const drop = (reason: Reason | 'malformed' | 'duplicate') => {
    dropped[reason] = (dropped[reason] ?? 0) + 1;
  };
  for (const raw of options.items) {
    let item: Static<S>;
    try {
      item = validateWire(options.provider, options.schema, raw, options.what);
    } catch (error) {
      if (!isProviderError(error)) throw error;
      firstMalformed ??= error;
      drop('malformed');
      continue;
    }
    const adapted = options.adapt(item);
    if (!adapted.ok) {
      drop(adapted.reason);
      continue;
    }
    const id = options.identity(adapted.draft);
    if (seen.has(id)) {
      drop('duplicate');
      continue;
    }
    seen.add(id);
    articles.push(adapted.draft);
  }
  if (firstMalformed !== undefined && dropped.malformed === options.items.length) {
    throw firstMalformed;
  }
  return { articles, dropped };
}
