/** Reads counters from the server's Prometheus endpoint, summed by one label. */

/**
 * `name`'s samples from `GET /metrics`, summed per value of `label` (e.g. every status of
 * `newsroom_provider_outcomes_total` per provider).
 */
export async function scrapeCounter(
  base: string,
  name: string,
  label: string,
): Promise<Map<string, number>> {
  const res = await fetch(`${base}/metrics`);
  const text = await res.text();
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  const sums = new Map<string, number>();
  const labelPattern = new RegExp(`(?:^|,)${label}="([^"]*)"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const close = line.lastIndexOf('}');
    const value = labelPattern.exec(line.slice(name.length + 1, close))?.[1];
    if (value === undefined) continue;
    sums.set(value, (sums.get(value) ?? 0) + Number(line.slice(close + 1).trim()));
  }
  return sums;
}

/** after - before, per key (keys missing before count from zero). */
export function delta(
  before: Map<string, number>,
  after: Map<string, number>,
): Map<string, number> {
  return new Map([...after].map(([key, value]) => [key, value - (before.get(key) ?? 0)]));
}
