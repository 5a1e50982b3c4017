import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { api, errorMessage, withQuery, field } from '../api';
import {
  EntityLinks,
  ErrorNote,
  SelectField,
  SentimentChip,
  Skeletons,
  useLoad,
} from '../components';
import { Time } from '../format';
import { queryTerms, splitOnTerms } from '../highlight';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import type { ProviderOutcome, ProviderStatus, SearchResponse, SearchResult } from '../types';

/** Names shown on a result card (most mentioned first); the article page lists them all. */
const MAX_NAMES = 4;
const FILTERS = ['q', 'providers', 'from', 'to', 'language', 'sort', 'sentiment'] as const;
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
const SENTIMENT_OPTIONS: [string, string][] = [
  ['', 'Any sentiment'],
  ...SENTIMENTS.map((s): [string, string] => [s, s.charAt(0).toUpperCase() + s.slice(1)]),
];
const SORTS: [string, string][] = [
  ['relevance', 'Most relevant'],
  ['recency', 'Newest first'],
  ['sentiment', 'Most positive first'],
  ['-sentiment', 'Most negative first'],
];
const LANGUAGES: [string, string][] = [
  ['', 'Any language'],
  ['en', 'English'],
  ['fr', 'French'],
  ['de', 'German'],
  ['es', 'Spanish'],
  ['it', 'Italian'],
];

interface Page {
  response: SearchResponse;
  cache: string | null;
}

/** Date inputs give a day; the API wants an instant: the day's start, or its end for "to". */
const dayToInstant = (day: string, end: boolean) =>
  day === '' ? undefined : `${day}T${end ? '23:59:59' : '00:00:00'}Z`;

export function SearchPage() {
  const { params } = useLocation();
  const { me } = useSession();
  const query = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const sentiment = SENTIMENTS.find((s) => s === query.sentiment);
  const sort = SORTS.find(([s]) => s === query.sort)?.[0] ?? 'relevance';
  const key = withQuery('/v1/search', {
    q: query.q,
    providers: query.providers,
    from: dayToInstant(query.from, false),
    to: dayToInstant(query.to, true),
    language: query.language,
    sort: sort === 'relevance' ? '' : sort,
    sentiment,
  });
  const box = useRef<HTMLInputElement>(null);
  const [providers, setProviders] = useState<ProviderStatus[]>([]);
  const [more, setMore] = useState<SearchResult[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [saved, setSaved] = useState<Record<string, string>>({});

  const [result, retry] = useLoad<Page | null>(key, async () => {
    if (query.q === '') return null;
    const { data, headers } = await api.get<SearchResponse>(key);
    return { response: data, cache: headers.get('x-cache') };
  });

  useEffect(() => {
    setMore([]);
    setCursor(result.state === 'done' ? (result.value?.response.nextCursor ?? null) : null);
  }, [result]);

  useEffect(() => {
    api.get<{ providers: ProviderStatus[] }>('/v1/providers').then(
      ({ data }) => setProviders(data.providers.filter((p) => p.enabled)),
      () => setProviders([]),
    );
  }, []);

  const results =
    result.state === 'done' && result.value ? [...result.value.response.results, ...more] : [];
  const terms = queryTerms(query.q);

  const save = async (item: SearchResult) => {
    if (item.articleId === null) return;
    const id = item.articleId;
    setSaved((s) => ({ ...s, [id]: 'saving' }));
    try {
      await api.put(`/v1/saved/${id}`, {});
      setSaved((s) => ({ ...s, [id]: 'saved' }));
    } catch (error) {
      setSaved((s) => ({ ...s, [id]: errorMessage(error) }));
    }
  };

  // Keyboard: "/" focuses the box, arrows move between results, "s" saves the focused one.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
      if (typing || event.metaKey || event.ctrlKey || event.altKey) return;
      const items = [...document.querySelectorAll<HTMLElement>('.result')];
      const at = items.indexOf(target);
      if (event.key === '/') {
        event.preventDefault();
        box.current?.focus();
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const next = items[event.key === 'ArrowDown' ? at + 1 : Math.max(at - 1, 0)];
        if (next) {
          event.preventDefault();
          next.focus();
        }
      } else if (event.key === 's' && at >= 0 && me) {
        const item = results[at];
        if (item) void saveRef.current(item);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [results, me]);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chosen = form.getAll('provider').map(String);
    navigate(
      withQuery('/search', {
        q: field(form, 'q').trim(),
        providers: chosen.length === providers.length ? '' : chosen.join(','),
        from: field(form, 'from'),
        to: field(form, 'to'),
        language: field(form, 'language'),
        sort: field(form, 'sort') === 'relevance' ? '' : field(form, 'sort'),
        sentiment: field(form, 'sentiment'),
      }),
    );
  };

  const loadMore = async () => {
    if (cursor === null || query.q === '') return;
    try {
      const { data } = await api.get<SearchResponse>(`${key}&cursor=${encodeURIComponent(cursor)}`);
      setMore((m) => [...m, ...data.results]);
      setCursor(data.nextCursor);
    } catch {
      setCursor(null);
    }
  };

  const chosenProviders = query.providers === '' ? null : query.providers.split(',');
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title" className="visually-hidden">
        Search
      </h1>
      {/* Keyed on the URL so the back button puts the form back as it was. */}
      <form key={key} role="search" className="search" onSubmit={submit}>
        <label htmlFor="q">Search the news</label>
        <div className="search-row">
          <input
            id="q"
            name="q"
            type="search"
            ref={box}
            defaultValue={query.q}
            required
            maxLength={500}
            aria-describedby="q-help"
            placeholder='climate "sea ice" -arctic'
          />
          <button type="submit">Search</button>
        </div>
        <p id="q-help" className="help">
          Words must all appear; <code>"exact phrase"</code>; <code>-word</code> excludes;{' '}
          <code>a OR b</code> takes either. Press <kbd>/</kbd> to come back here.
        </p>
        <details className="filters" open={FILTERS.slice(1).some((f) => query[f] !== '')}>
          <summary>Filters and sort</summary>
          <fieldset>
            <legend>Providers</legend>
            {providers.map((p) => (
              <label key={p.id} className="inline">
                <input
                  type="checkbox"
                  name="provider"
                  value={p.id}
                  defaultChecked={chosenProviders?.includes(p.id) ?? true}
                />{' '}
                {p.displayName}
              </label>
            ))}
          </fieldset>
          <div className="filter-grid">
            <label>
              From <input type="date" name="from" defaultValue={query.from} />
            </label>
            <label>
              To <input type="date" name="to" defaultValue={query.to} />
            </label>
            <SelectField
              label="Language"
              name="language"
              options={LANGUAGES}
              defaultValue={query.language}
            />
            <SelectField
              label="Sort"
              name="sort"
              options={SORTS}
              defaultValue={sort}
              describedBy="sentiment-help"
            />
            <SelectField
              label="Sentiment"
              name="sentiment"
              options={SENTIMENT_OPTIONS}
              defaultValue={sentiment ?? ''}
              describedBy="sentiment-help"
            />
          </div>
          <p id="sentiment-help" className="help">
            Sentiment is read from each story's headline.
          </p>
          <button type="submit">Apply</button>
        </details>
      </form>

      {query.q === '' ? (
        <p className="note">Type a few words above to search every source at once.</p>
      ) : result.state === 'loading' ? (
        <Skeletons count={5} />
      ) : result.state === 'error' ? (
        <ErrorNote error={result.error} onRetry={retry} />
      ) : result.value ? (
        <>
          <StatusStrip page={result.value} />
          <p className="help">
            <Link href={withQuery('/insights', { q: query.q })}>
              Volume, sentiment and names for “{query.q}” over time
            </Link>
          </p>
          {sentiment && (
            <p className="help">
              Only stories whose headline reads as {sentiment}.{' '}
              <Link href={withQuery('/search', { ...query, sentiment: '' })}>
                Show every sentiment
              </Link>
            </p>
          )}
          {results.length === 0 && sentiment ? (
            <p className="note">
              No story here reads as {sentiment}. Choose another sentiment or{' '}
              <Link href={withQuery('/search', { ...query, sentiment: '' })}>show them all</Link>.
            </p>
          ) : results.length === 0 ? (
            <p className="note">
              No stories match. Try fewer words, drop a <code>-word</code>, or clear the filters.
            </p>
          ) : (
            <ol className="results" aria-label="Results">
              {results.map((item, i) => (
                <ResultItem
                  key={`${item.canonicalUrl}-${i}`}
                  index={i}
                  item={item}
                  terms={terms}
                  signedIn={Boolean(me)}
                  state={item.articleId === null ? undefined : saved[item.articleId]}
                  onSave={() => void save(item)}
                />
              ))}
            </ol>
          )}
          {cursor !== null && (
            <button type="button" onClick={() => void loadMore()}>
              More results
            </button>
          )}
        </>
      ) : null}
    </section>
  );
}

function StatusStrip({ page }: { page: Page }) {
  const { response, cache } = page;
  const answered = response.providers.filter((p) => p.status === 'ok').length;
  const failed = response.providers.filter((p) => p.status !== 'ok' && p.status !== 'disabled');
  return (
    <div className="strip" role="status">
      <p>
        {response.total} {response.total === 1 ? 'story' : 'stories'}
        {response.partial &&
          ` · ${failed.map(describe).join(', ')}, showing ${answered} of ${response.providers.length} sources`}
        {cache !== null && (
          <span className="muted"> · {cache === 'HIT' ? 'from cache' : 'fresh'}</span>
        )}
      </p>
      <ul className="providers">
        {response.providers.map((p) => (
          <li key={p.provider} className={`chip status-${p.status}`} title={p.message}>
            {p.provider}:{' '}
            {p.status === 'ok' ? `${p.count} in ${p.durationMs} ms` : p.status.replace('_', ' ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

const describe = (p: ProviderOutcome) =>
  `${p.provider} ${p.status === 'timeout' ? 'timed out' : p.status.replace('_', ' ')}`;

function ResultItem(props: {
  index: number;
  item: SearchResult;
  terms: string[];
  signedIn: boolean;
  state: string | undefined;
  onSave: () => void;
}) {
  const { index, item, terms, signedIn, state, onSave } = props;
  return (
    <li>
      <article className="result" tabIndex={-1} aria-labelledby={`result-${index}`}>
        {item.imageUrl && <img src={item.imageUrl} alt="" loading="lazy" width={112} height={72} />}
        <div>
          <h2 id={`result-${index}`}>
            <a href={item.url} rel="noopener noreferrer" target="_blank">
              {highlight(item.title, terms)}
            </a>
          </h2>
          <p className="meta">
            {item.outlets.join(', ')} · <Time iso={item.publishedAt} />{' '}
            {item.providers.map((p) => (
              <span key={p} className="chip badge">
                {p}
              </span>
            ))}{' '}
            {item.sentiment && <SentimentChip {...item.sentiment} />}
          </p>
          {item.description && <p className="snippet">{highlight(item.description, terms)}</p>}
          {item.entities !== null && item.entities.length > 0 && (
            <EntityLinks
              entities={item.entities.slice(0, MAX_NAMES)}
              className="entities compact"
              label="Names in this story"
            />
          )}
          <p className="actions">
            {item.articleId !== null && (
              <Link href={`/articles/${item.articleId}`}>All sources</Link>
            )}
            {signedIn && item.articleId !== null && (
              <button
                type="button"
                onClick={onSave}
                disabled={state === 'saving' || state === 'saved'}
              >
                {state === 'saved' ? 'Saved' : state === 'saving' ? 'Saving…' : 'Save'}
              </button>
            )}
            {state !== undefined && state !== 'saving' && state !== 'saved' && (
              <span role="alert" className="error-text">
                {state}
              </span>
            )}
          </p>
        </div>
      </article>
    </li>
  );
}

/** Query terms in <mark>, the rest as text nodes: never HTML from data. */
function highlight(text: string, terms: string[]): React.ReactNode {
  return splitOnTerms(text, terms).map((run, i) =>
    run.match ? <mark key={i}>{run.text}</mark> : run.text,
  );
}
