import { useState } from 'react';
import { api, errorMessage } from '../api';
import { navigate } from '../router';
import { useSession } from '../session';

/** Deleting the account: one click to ask, a second to confirm; the API's refusal shown inline. */
export function DeleteAccount() {
  const { forget } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.delete('/v1/me', { confirm: true });
      forget();
      navigate('/goodbye', { replace: true });
    } catch (caught) {
      setError(`Your account was not deleted: ${errorMessage(caught)}`);
      setBusy(false);
    }
  };

  return (
    <section className="card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete account</h2>
      <p>
        Deletes your account with its saved articles, notes, history, preferences, API keys and
        sign-ins, for good. Stories stay in Newsroom; nothing says you read them.
      </p>
      {confirming ? (
        <div>
          <p>
            <strong>Delete everything now? This cannot be undone.</strong>
          </p>
          <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
            {busy ? 'Deleting…' : 'Yes, delete my account'}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete my account…
        </button>
      )}
      {error !== null && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </section>
  );
}

export function GoodbyePage() {
  return (
    <section className="narrow">
      <h1>Account deleted</h1>
      <p role="status">
        Your account and everything it held are gone. You can still search the news without one.
      </p>
    </section>
  );
}
