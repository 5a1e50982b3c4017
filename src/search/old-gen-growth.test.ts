import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixOldGenerationGrowth } from './old-gen-growth.js';

// What the factor does to latency is measured by the benchmark (performance.md); here, only that
// a nonsensical factor never reaches V8's flags.
describe('fixOldGenerationGrowth', () => {
  it('refuses a factor that is not a positive whole percentage', () => {
    for (const percent of [0, -50, 1.5, Number.NaN]) {
      assert.throws(() => fixOldGenerationGrowth(percent), RangeError);
    }
  });
});
