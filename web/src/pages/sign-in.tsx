import { useState, type SyntheticEvent } from 'react';
import { api, field } from '../api';
import { ErrorNote } from '../components';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';

/** Only paths of this app: an open redirect through ?returnTo= would be a phishing tool. */
function safeReturnTo(value: string | null): string {
  return value?.startsWith('/') === true && !value.startsWith('//') ? value : '/search';
}

export function SignInPage() {
  const { params } = useLocation();
  const { me, refresh } = useSession();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const redditError = params.get('error');

  if (me) {
    return (
      <section>
        <h1>Signed in</h1>
        <p>You are signed in as {me.user.displayName}.</p>
      </section>
    );
  }

  const done = async () => {
    await refresh();
    navigate(returnTo);
  };

  return (
    <section className="narrow">
      <h1>Sign in</h1>
      {redditError !== null && <ErrorNote error={new Error(redditError)} />}
      <p>
        <a className="button" href={`/auth/reddit/login?returnTo=${encodeURIComponent(returnTo)}`}>
          Sign in with Reddit
        </a>
      </p>
      <div className="two-up">
        <AccountForm
          title="Sign in with email"
          action="/auth/login"
          submit="Sign in"
          passwordAutocomplete="current-password"
          onDone={done}
        />
        <AccountForm
          title="Create an account"
          action="/auth/register"
          submit="Create account"
          passwordAutocomplete="new-password"
          onDone={done}
        />
      </div>
    </section>
  );
}

function AccountForm(props: {
  title: string;
  action: '/auth/login' | '/auth/register';
  submit: string;
  passwordAutocomplete: string;
  onDone: () => Promise<void>;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = props.action.replace('/auth/', '');

  const onSubmit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await api.post(props.action, {
        email: field(form, 'email'),
        password: field(form, 'password'),
      });
      await props.onDone();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="card" aria-labelledby={`${id}-title`} onSubmit={(e) => void onSubmit(e)}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      <label htmlFor={`${id}-email`}>Email</label>
      <input id={`${id}-email`} name="email" type="email" autoComplete="email" required />
      <label htmlFor={`${id}-password`}>Password</label>
      <input
        id={`${id}-password`}
        name="password"
        type="password"
        autoComplete={props.passwordAutocomplete}
        minLength={props.action === '/auth/register' ? 10 : 1}
        aria-describedby={props.action === '/auth/register' ? `${id}-hint` : undefined}
        required
      />
      {props.action === '/auth/register' && (
        <p id={`${id}-hint`} className="help">
          At least 10 characters.
        </p>
      )}
      {error !== null && <ErrorNote error={error} />}
      <button type="submit" disabled={busy}>
        {busy ? 'Please wait…' : props.submit}
      </button>
    </form>
  );
}
