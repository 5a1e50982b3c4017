import { useState } from 'react';
import { api, errorMessage, withQuery } from '../api';
import { ErrorNote, RequireSignIn, Skeletons, useLoad } from '../components';
import { Time } from '../format';
import { Link } from '../router';

interface Entry {
  id: string;
  query: string;
  params: Record<string, unknown>;
  resultCount: number;
  searchedAt: string;
}

export function HistoryPage() {
  return (
    <section>
      <h1>History</h1>
      <RequireSignIn path="/history">
        <History />
      </RequireSignIn>
    </section>
  );
}

/** A past search as a link to run it again, with the filters it had. */
function rerun(entry: Entry): string {
  const p = entry.params;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return withQuery('/search', {
    q: entry.query,
    providers: Array.isArray(p.providers) ? p.providers.join(',') : text(p.providers),
    language: text(p.language),
    sort: text(p.sort) === 'recency' ? 'recency' : undefined,
  });
}

function History() {
  const [failure, setFailure] = useState<string | null>(null);
  const [result, reload] = useLoad('history', async () => {
    const { data } = await api.get<{ entries: Entry[] }>('/v1/history', { limit: 100 });
    return data.entries;
  });
  const act = async (path: string) => {
    setFailure(null);
    try {
      await api.delete(path);
      reload();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  if (result.state === 'loading') return <Skeletons />;
  if (result.state === 'error') return <ErrorNote error={result.error} onRetry={reload} />;
  if (result.value.length === 0) {
    return <p className="note">No searches yet (or history is off in Preferences).</p>;
  }
  return (
    <>
      {failure !== null && (
        <p role="alert" className="error-text">
          {failure}
        </p>
      )}
      <button type="button" onClick={() => void act('/v1/history')}>
        Clear all history
      </button>
      <ul className="list">
        {result.value.map((e) => (
          <li key={e.id}>
            <Link href={rerun(e)}>{e.query}</Link>{' '}
            <span className="muted">
              {e.resultCount} results · <Time iso={e.searchedAt} />
            </span>{' '}
            <button
              type="button"
              onClick={() => void act(`/v1/history/${e.id}`)}
              aria-label={`Delete ${e.query} from history`}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
