/**
 * `npm run sandbox`: runs the upstream emulators (NewsAPI, Guardian, Reddit) standalone on
 * loopback, for demos and for pointing a separately started app at them. SANDBOX_PORT (default
 * 8090) and SANDBOX_SEED (default "newsroom") are read here; quotas are the real ones.
 */
import { pino } from 'pino';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/credentials.js';
import { startSandbox } from '../src/sandbox/sandbox.js';

const port = Number(process.env.SANDBOX_PORT ?? '8090');
const seed = process.env.SANDBOX_SEED ?? 'newsroom';
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(
    `SANDBOX_PORT must be a port number, got ${process.env.SANDBOX_PORT ?? ''}\n`,
  );
  process.exit(78);
}

const sandbox = await startSandbox({ port, seed, log: pino({ level: 'info' }) });
const lines = [
  `Sandbox upstreams on ${sandbox.url} (seed "${seed}")`,
  `  NewsAPI      ${sandbox.baseUrls.newsapi}      key ${SANDBOX_CREDENTIALS.newsapiKey}`,
  `  Guardian     ${sandbox.baseUrls.guardian}     key ${SANDBOX_CREDENTIALS.guardianKey}`,
  `  Reddit www   ${sandbox.baseUrls.redditAuth}   client ${SANDBOX_CREDENTIALS.redditClientId} / ${SANDBOX_CREDENTIALS.redditClientSecret}`,
  `  Reddit API   ${sandbox.baseUrls.redditApi}`,
  `  Faults       ${sandbox.url}/__sandbox/faults   (PUT /__sandbox/faults/:upstream, DELETE to clear)`,
];
process.stdout.write(`${lines.join('\n')}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
