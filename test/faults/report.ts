/** The fault matrix as a Markdown table: one row per fault, the checks that failed spelled out. */

export interface FaultRow {
  fault: string;
  requests: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  recoverySeconds: number | null;
  /** Checks that failed; empty when the row passed. */
  failures: string[];
  notes: string[];
}

const ORDER = (status: string) => (/^\d+$/.test(status) ? Number(status) : 1000);

function statusCell(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .sort(([a], [b]) => ORDER(a) - ORDER(b) || a.localeCompare(b))
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
}

const ms = (value: number) => (Number.isFinite(value) ? String(Math.round(value)) : '-');

/** The table, with a PASS/FAIL column and failures and notes in the last one. */
export function markdownTable(rows: readonly FaultRow[]): string {
  const lines = [
    '| Fault | Requests | Status codes | p50 ms | p99 ms | max ms | Recovery s | Result |',
    '| --- | --: | --- | --: | --: | --: | --: | --- |',
  ];
  for (const row of rows) {
    const result =
      row.failures.length === 0
        ? 'PASS'
        : `**FAIL**: ${row.failures.join('; ').replace(/\|/g, '/')}`;
    const notes = row.notes.length === 0 ? '' : ` (${row.notes.join('; ')})`;
    lines.push(
      `| ${row.fault} | ${row.requests} | ${statusCell(row.statuses)} | ${ms(row.p50)} | ${ms(row.p99)} | ${ms(row.max)} | ${row.recoverySeconds === null ? '-' : row.recoverySeconds.toFixed(1)} | ${result}${notes} |`,
    );
  }
  return lines.join('\n');
}
