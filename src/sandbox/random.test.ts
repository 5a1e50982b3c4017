import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandom, hexFrom } from './random.js';

describe('seeded random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRandom('seed-a');
    const b = createRandom('seed-a');
    const c = createRandom('seed-b');
    const seqA = Array.from({ length: 20 }, () => a.next());
    assert.deepEqual(
      seqA,
      Array.from({ length: 20 }, () => b.next()),
    );
    assert.notDeepEqual(
      seqA,
      Array.from({ length: 20 }, () => c.next()),
    );
  });

  it('keeps int() within bounds and reaches both ends', () => {
    const r = createRandom('bounds');
    const seen = new Set(Array.from({ length: 2000 }, () => r.int(3, 6)));
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
  });

  it('samples distinct items and derives stable hex strings', () => {
    const picked = createRandom('sample').sample([1, 2, 3, 4, 5], 3);
    assert.equal(new Set(picked).size, 3);
    assert.equal(hexFrom('x', 40), hexFrom('x', 40));
    assert.match(hexFrom('x', 40), /^[0-9a-f]{40}$/);
  });
});
