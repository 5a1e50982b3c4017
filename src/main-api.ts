/** The API process: config -> server -> exit cleanly on SIGTERM/SIGINT. */
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { fixOldGenerationGrowth } from './search/old-gen-growth.js';
import { exitOnSignals, startServer } from './server.js';

// Before anything is allocated in earnest: a live search's window is where a slowly growing old
// generation would run its marking steps (old-gen-growth.ts).
fixOldGenerationGrowth();

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78); // EX_CONFIG: the operator must fix the environment; restarting won't help.
}

const log = createLogger(config);
try {
  exitOnSignals(await startServer({ config, log }), log);
} catch (error) {
  log.fatal({ err: error }, 'Failed to start');
  // Problems only found while wiring (unknown providers, bad encryption keys) are config too.
  process.exit(error instanceof ConfigError ? 78 : 1);
}
