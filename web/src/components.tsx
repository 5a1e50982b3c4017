import { useEffect, useState } from 'react';
import { errorMessage, withQuery } from './api';
import { Link } from './router';
import { useSession } from './session';

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="note error" role="alert">
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Skeletons({ count = 3 }: { count?: number }) {
  return (
    <ul className="skeletons" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <li key={i} className="skeleton" />
      ))}
    </ul>
  );
}

/** For pages that only make sense signed in: says so, with the way in. */
export function RequireSignIn({ children, path }: { children: React.ReactNode; path: string }) {
  const { me } = useSession();
  if (me === undefined) return <Skeletons count={2} />;
  if (me === null) {
    return (
      <p className="note">
        <Link href={`/sign-in?returnTo=${encodeURIComponent(path)}`}>Sign in</Link> to see this
        page.
      </p>
    );
  }
  return <>{children}</>;
}

type Load<T> =
  { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'done'; value: T };

/** One object, so effects that depend on a load do not run again for a new but equal one. */
const LOADING = { state: 'loading' } as const;

/**
 * Runs `load` whenever `key` changes; `reload` runs it again. Late answers for an old key are
 * dropped, and an answer is shown only for the key it was loaded for: the render that follows a
 * new key (before the effect starts the load) shows loading, not the old key's answer.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): [Load<T>, () => void] {
  const [result, setResult] = useState<{ key: string; load: Load<T> }>({
    key,
    load: { state: 'loading' },
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setResult({ key, load: { state: 'loading' } });
    load().then(
      (value) => current && setResult({ key, load: { state: 'done', value } }),
      (error: unknown) => current && setResult({ key, load: { state: 'error', error } }),
    );
    return () => {
      current = false;
    };
    // `load` is a new closure each render; `key` says when it means something new.
  }, [key, round]);
  return [result.key === key ? result.load : LOADING, () => setRound((r) => r + 1)];
}

export function SentimentChip({ label, score }: { label: string; score: number }) {
  if (label === 'unsupported') return null;
  return (
    <span className={`chip sentiment-${label}`} title={`Sentiment score ${score.toFixed(2)}`}>
      {label}
    </span>
  );
}

/** A labelled <select> over [value, label] pairs, read by its form through `name`. */
export function SelectField(props: {
  label: string;
  name: string;
  options: readonly (readonly [string, string])[];
  defaultValue?: string | undefined;
  describedBy?: string;
}) {
  return (
    <label>
      {props.label}
      <select
        name={props.name}
        defaultValue={props.defaultValue}
        aria-describedby={props.describedBy}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Names the store found in a story, each a link to a search for everything about it. */
export function EntityLinks(props: {
  entities: readonly { id: string; kind: string; name: string }[];
  className?: string;
  label?: string;
}) {
  return (
    <ul className={props.className ?? 'entities'} aria-label={props.label}>
      {props.entities.map((e) => (
        <li key={e.id}>
          <Link href={withQuery('/search', { q: `"${e.name}"` })} title={e.kind}>
            {e.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
