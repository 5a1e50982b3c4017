/**
 * Runs before `npm start`: builds the web app when web/dist has no index.html (a fresh clone), so
 * `npm install && npm start` serves it with nothing else to do. Vite builds offline. An existing
 * build is left alone; `npm run build` rebuilds after changing web/.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../web', import.meta.url));

if (existsSync(`${root}/dist/index.html`)) {
  process.stdout.write('Web app already built (web/dist); `npm run build` rebuilds it\n');
} else {
  process.stdout.write('Building the web app into web/dist (first start)\n');
  await build({ root, logLevel: 'warn' });
}
