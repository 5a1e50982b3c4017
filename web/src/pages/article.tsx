import { useState, type SyntheticEvent } from 'react';
import { api, errorMessage, field } from '../api';
import { EntityLinks, ErrorNote, SentimentChip, Skeletons, useLoad } from '../components';
import { Time } from '../format';
import { useSession } from '../session';
import type { Article } from '../types';

export function ArticlePage({ id }: { id: string }) {
  const { me } = useSession();
  const [result, reload] = useLoad(
    id,
    async () => (await api.get<Article>(`/v1/articles/${id}`)).data,
  );
  if (result.state === 'loading') return <Skeletons count={2} />;
  if (result.state === 'error') return <ErrorNote error={result.error} onRetry={reload} />;
  const article = result.value;
  return (
    <article className="article">
      <h1>{article.title}</h1>
      <p className="meta">
        <Time iso={article.publishedAt} />
        {article.author !== null && ` · ${article.author}`}{' '}
        {article.sentiment && <SentimentChip {...article.sentiment} />}
      </p>
      {article.imageUrl && <img src={article.imageUrl} alt="" width={640} height={360} />}
      {article.description && <p>{article.description}</p>}
      <p>
        <a href={article.url} rel="noopener noreferrer" target="_blank">
          Read it at the source
        </a>
      </p>
      <h2>Sources</h2>
      <ul>
        {article.sources.map((s) => (
          <li key={`${s.provider}-${s.providerId}`}>
            <span className="chip badge">{s.provider}</span> {s.outlet ?? 'unknown outlet'}
            {s.providerUrl !== null && (
              <>
                {' '}
                · <a href={s.providerUrl}>discussion</a>
              </>
            )}
          </li>
        ))}
      </ul>
      {article.entities.length > 0 && (
        <>
          <h2>People, organisations and places</h2>
          <EntityLinks entities={article.entities} />
        </>
      )}
      {me && <SaveForm id={article.id} />}
    </article>
  );
}

function SaveForm({ id }: { id: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const note = field(form, 'note').trim();
    const tags = field(form, 'tags')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    try {
      await api.put(`/v1/saved/${id}`, { note: note === '' ? null : note, tags });
      setMessage('Saved.');
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="save-title">
      <h2 id="save-title">Save with a note</h2>
      <label htmlFor="note">Note</label>
      <textarea id="note" name="note" rows={3} maxLength={10000} />
      <label htmlFor="tags">Tags (comma-separated)</label>
      <input id="tags" name="tags" />
      <button type="submit">Save</button>
      {message !== null && <p role="status">{message}</p>}
    </form>
  );
}
