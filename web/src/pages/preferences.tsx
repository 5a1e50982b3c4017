import { useState, type SyntheticEvent } from 'react';
import { api, errorMessage, field } from '../api';
import { ErrorNote, RequireSignIn, Skeletons, useLoad } from '../components';
import { useSession } from '../session';
import { DeleteAccount } from './delete-account';

interface Values {
  language: string | null;
  results_per_page: number;
  history_enabled: boolean;
  theme: 'light' | 'dark' | 'system';
}

export function PreferencesPage() {
  return (
    <section className="narrow">
      <h1>Preferences</h1>
      <RequireSignIn path="/preferences">
        <Preferences />
        <DeleteAccount />
      </RequireSignIn>
    </section>
  );
}

function Preferences() {
  const { applyTheme } = useSession();
  const [message, setMessage] = useState<string | null>(null);
  const [result, reload] = useLoad('preferences', async () => {
    const { data } = await api.get<{ preferences: Record<keyof Values, { value: unknown }> }>(
      '/v1/preferences',
    );
    const p = data.preferences;
    return {
      language: p.language.value,
      results_per_page: p.results_per_page.value,
      history_enabled: p.history_enabled.value,
      theme: p.theme.value,
    } as Values;
  });
  if (result.state === 'loading') return <Skeletons count={2} />;
  if (result.state === 'error') return <ErrorNote error={result.error} onRetry={reload} />;
  const values = result.value;

  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const language = field(form, 'language').trim();
    const next: Values = {
      theme: field(form, 'theme') as Values['theme'],
      language: language === '' ? null : language,
      results_per_page: Number(form.get('results_per_page')),
      history_enabled: form.get('history_enabled') === 'on',
    };
    try {
      await api.patch('/v1/preferences', next);
      applyTheme(next.theme);
      setMessage('Saved.');
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>Theme</legend>
        {(['system', 'light', 'dark'] as const).map((t) => (
          <label key={t} className="inline">
            <input type="radio" name="theme" value={t} defaultChecked={values.theme === t} /> {t}
          </label>
        ))}
      </fieldset>
      <label htmlFor="pref-language">Default language (2 letters, empty for any)</label>
      <input
        id="pref-language"
        name="language"
        pattern="[a-zA-Z]{2}"
        maxLength={2}
        defaultValue={values.language ?? ''}
      />
      <label htmlFor="pref-rpp">Results per page</label>
      <input
        id="pref-rpp"
        name="results_per_page"
        type="number"
        min={1}
        max={100}
        defaultValue={values.results_per_page}
      />
      <label className="inline">
        <input type="checkbox" name="history_enabled" defaultChecked={values.history_enabled} />{' '}
        Keep a history of my searches
      </label>
      <button type="submit">Save preferences</button>
      {message !== null && <p role="status">{message}</p>}
    </form>
  );
}
