import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { configTable } from './config-table.js';

/** Table rows as trimmed cells, so Prettier's column alignment does not matter. */
function cells(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('README configuration table', () => {
  it('matches the config schema exactly (run `npm run docs:config` to regenerate)', async () => {
    const readme = await readFile('README.md', 'utf8');
    const start = readme.indexOf('<!-- config:start -->');
    const end = readme.indexOf('<!-- config:end -->');
    assert.ok(start >= 0 && end > start, 'README needs config:start/config:end markers');
    const table = readme.slice(start + '<!-- config:start -->'.length, end);
    assert.deepEqual(cells(table), cells(configTable()));
  });

  it('documents the two commands a new user runs', async () => {
    const readme = await readFile('README.md', 'utf8');
    assert.match(readme, /npm install && npm start/);
    assert.match(readme, /npm test/);
  });
});
