import { useState } from 'react';
import { api, errorMessage } from '../api';
import { ErrorNote, RequireSignIn, Skeletons, useLoad } from '../components';
import { Time } from '../format';
import { Link } from '../router';
import type { SavedArticle } from '../types';

export function SavedPage() {
  return (
    <section>
      <h1>Saved</h1>
      <RequireSignIn path="/saved">
        <SavedList />
      </RequireSignIn>
    </section>
  );
}

function SavedList() {
  const [removed, setRemoved] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, reload] = useLoad('saved', async () => {
    const { data } = await api.get<{ items: SavedArticle[] }>('/v1/saved', { limit: 100 });
    return data.items;
  });

  const unsave = async (id: string) => {
    setFailure(null);
    try {
      await api.delete(`/v1/saved/${id}`);
      setRemoved((r) => [...r, id]);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  if (result.state === 'loading') return <Skeletons />;
  if (result.state === 'error') return <ErrorNote error={result.error} onRetry={reload} />;
  const items = result.value.filter((i) => !removed.includes(i.article.id));
  if (items.length === 0) {
    return (
      <p className="note">
        Nothing saved yet. <Link href="/search">Search</Link> and press Save on a story to keep it
        here.
      </p>
    );
  }
  return (
    <>
      {failure !== null && (
        <p role="alert" className="error-text">
          {failure}
        </p>
      )}
      <ul className="list saved">
        {items.map((item) => (
          <li key={item.article.id}>
            <h2>
              <Link href={`/articles/${item.article.id}`}>{item.article.title}</Link>
            </h2>
            <p className="meta">
              Saved <Time iso={item.savedAt} />
              {item.tags.map((t) => (
                <span key={t} className="chip">
                  {t}
                </span>
              ))}
            </p>
            {item.note !== null && <p>{item.note}</p>}
            <button
              type="button"
              onClick={() => void unsave(item.article.id)}
              aria-label={`Unsave ${item.article.title}`}
            >
              Unsave
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
