/** Draws ranks 1..n with probability proportional to 1 / rank^exponent. */
export interface Zipf {
  /** The rank for a uniform draw u in [0, 1). */
  sample(u: number): number;
  /** Probability of one rank. */
  probability(rank: number): number;
}

/** A Zipf sampler by inverse CDF (binary search over the cumulative weights). */
export function createZipf(n: number, exponent: number): Zipf {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 1; rank <= n; rank += 1) {
    total += 1 / rank ** exponent;
    cumulative[rank - 1] = total;
  }
  return {
    sample(u) {
      const target = u * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] ?? 0) < target) lo = mid + 1;
        else hi = mid;
      }
      return lo + 1;
    },
    probability(rank) {
      return 1 / rank ** exponent / total;
    },
  };
}
