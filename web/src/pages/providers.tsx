import { api } from '../api';
import { ErrorNote, Skeletons, useLoad } from '../components';
import { Time } from '../format';
import type { ProviderStatus } from '../types';

const BREAKER: Record<ProviderStatus['breaker'], string> = {
  closed: 'healthy',
  half_open: 'recovering',
  open: 'paused after failures',
};

export function ProvidersPage() {
  const [result, reload] = useLoad('providers', async () => {
    const { data } = await api.get<{ providers: ProviderStatus[] }>('/v1/providers');
    return data.providers;
  });
  return (
    <section>
      <h1>Providers</h1>
      {result.state === 'loading' ? (
        <Skeletons count={3} />
      ) : result.state === 'error' ? (
        <ErrorNote error={result.error} onRetry={reload} />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Each news source and its state</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Mode</th>
                <th scope="col">State</th>
                <th scope="col">Budget left</th>
                <th scope="col">Last success</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {result.value.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.displayName}</th>
                  <td>{p.mode}</td>
                  <td>{p.enabled ? BREAKER[p.breaker] : 'disabled'}</td>
                  <td>
                    {p.budget
                      .map((b) => `${b.remaining} of ${b.limit} per ${b.window}`)
                      .join(', ') || 'no limit'}
                  </td>
                  <td>{p.lastSuccessAt ? <Time iso={p.lastSuccessAt} /> : 'not yet'}</td>
                  <td>
                    {p.lastError ? (
                      <>
                        {p.lastError.message} (<Time iso={p.lastError.at} />)
                      </>
                    ) : (
                      'none'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
