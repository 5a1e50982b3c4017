import { useState, type SyntheticEvent } from 'react';
import { api, field } from '../api';
import { ErrorNote, RequireSignIn, Skeletons, useLoad } from '../components';
import { Time } from '../format';
import type { ApiKey } from '../types';

export function ApiKeysPage() {
  return (
    <section>
      <h1>API keys</h1>
      <p>
        Programs call the API with a key: <code>Authorization: Bearer nrk_…</code>. See the{' '}
        <a href="/docs">API documentation</a>.
      </p>
      <RequireSignIn path="/api-keys">
        <ApiKeys />
      </RequireSignIn>
    </section>
  );
}

function ApiKeys() {
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [result, reload] = useLoad('keys', async () => {
    const { data } = await api.get<{ apiKeys: ApiKey[] }>('/v1/api-keys');
    return data.apiKeys;
  });

  const create = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    try {
      const { data } = await api.post<ApiKey & { key: string }>('/v1/api-keys', {
        name: field(new FormData(form), 'name').trim(),
      });
      setCreated(data);
      setCopied(false);
      form.reset();
      reload();
    } catch (caught) {
      setError(caught);
    }
  };

  const revoke = async (id: string) => {
    setError(null);
    try {
      await api.delete(`/v1/api-keys/${id}`);
      setConfirming(null);
      reload();
    } catch (caught) {
      setError(caught);
    }
  };

  const copy = async (key: string) => {
    try {
      await navigator.clipboard.writeText(key);
      setCopied(true);
    } catch {
      // No clipboard permission: the key stays selectable in the box.
      setCopied(false);
    }
  };

  return (
    <>
      <form className="card inline-form" onSubmit={(e) => void create(e)}>
        <label htmlFor="key-name">Name for a new key</label>
        <input id="key-name" name="name" required maxLength={100} placeholder="newsletter script" />
        <button type="submit">Create key</button>
      </form>
      {error !== null && <ErrorNote error={error} />}
      {created && (
        <div className="note success" role="status">
          <p>
            Your new key <strong>{created.name}</strong>. Copy it now: it is shown only once.
          </p>
          <p className="key-row">
            <input aria-label="New API key" readOnly value={created.key} className="mono" />
            <button type="button" onClick={() => void copy(created.key)}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </p>
        </div>
      )}
      {result.state === 'loading' ? (
        <Skeletons count={2} />
      ) : result.state === 'error' ? (
        <ErrorNote error={result.error} onRetry={reload} />
      ) : result.value.length === 0 ? (
        <p className="note">No keys yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Your API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {result.value.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td className="mono">{key.prefix}</td>
                  <td>
                    <Time iso={key.createdAt} />
                  </td>
                  <td>{key.lastUsedAt ? <Time iso={key.lastUsedAt} /> : 'never'}</td>
                  <td>
                    {key.revokedAt !== null ? (
                      'revoked'
                    ) : confirming === key.id ? (
                      <span className="confirm">
                        Revoke for good?{' '}
                        <button
                          type="button"
                          className="danger"
                          onClick={() => void revoke(key.id)}
                        >
                          Yes, revoke {key.name}
                        </button>{' '}
                        <button type="button" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        onClick={() => setConfirming(key.id)}
                        aria-label={`Revoke ${key.name}`}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
