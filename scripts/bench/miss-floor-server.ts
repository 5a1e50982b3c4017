/**
 * The floor under the cache-miss figures: the API's own provider clients (behind the same budget,
 * breaker and retries) asked at once by the same fan-out, and nothing after the slowest page: no
 * dedup, scoring, write-through, headline sentiment, rendering or caching. It answers with the
 * providers' outcomes and a count. Its overhead (client latency − slowest provider) is what the
 * HTTP hops, the event loop and this machine add to any miss; the gap between it and the API
 * server's overhead is what our work after the slowest page costs.
 *
 *   GET /v1/search?q=…   the same path and outcome fields, so live-miss.ts measures it unchanged
 *
 * Env: PORT and the provider settings the API server is given (live-server.ts). Runs from source
 * through tsx, which the compiled API server does not pay for (a few per cent of CPU, see
 * live-server.ts), so if anything this floor reads high.
 */
import Fastify from 'fastify';
import { pino } from 'pino';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { providerRegistrations } from '../../src/providers/registry.js';
import { createMemoryBudgetStore } from '../../src/providers/resilience/budget-store.js';
import { createProviderSet } from '../../src/providers/provider-set.js';
import { fanOut } from '../../src/search/fan-out.js';

const config = loadConfig(process.env);
const providers = createProviderSet({
  config,
  registrations: providerRegistrations,
  sandbox: undefined,
  budgetStore: createMemoryBudgetStore(),
  clock: systemClock,
  log: pino({ level: 'silent' }),
});
const byId = new Map(providers.enabled.map((p) => [p.id, p]));
const requested = providers.enabled.map((p) => p.id).sort();

const app = Fastify();
app.get<{ Querystring: { q?: string } }>('/v1/search', async (request, reply) => {
  const { outcomes, drafts } = await fanOut({
    requested,
    providers: byId,
    query: { q: request.query.q ?? '', pageSize: config.SEARCH_RESULTS_PER_PROVIDER },
    deadlineMs: config.SEARCH_DEADLINE_MS,
    clock: systemClock,
  });
  return reply
    .header('x-cache', 'MISS')
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ total: drafts.length, providers: outcomes }));
});
app.get('/health/ready', async () => ({ status: 'ok' }));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().finally(() => process.exit(0));
  });
}
await app.listen({ host: '127.0.0.1', port: config.PORT });
