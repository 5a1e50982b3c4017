/**
 * The server's heap after each full collection, from V8's --trace-gc lines in its log:
 * `[pid:0xisolate]  12345 ms: Mark-Compact 99.5 (133.1) -> 22.2 (55.9) MB, ...`. The size after
 * a Mark-Compact is the live heap with the garbage gone: the honest input for a growth trend.
 */
import { readFileSync } from 'node:fs';

export interface FullGc {
  /** Milliseconds since the isolate started. */
  ms: number;
  afterMb: number;
}

const LINE =
  /^\[\d+:(0x[0-9a-f]+)\]\s+(\d+) ms: Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(/;

/** Full collections of the main isolate (the one with the most of them), oldest first. */
export function fullCollections(logFile: string): FullGc[] {
  const byIsolate = new Map<string, FullGc[]>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const match = LINE.exec(line);
    if (match === null) continue;
    const [, isolate = '', ms = '', after = ''] = match;
    const list = byIsolate.get(isolate) ?? [];
    list.push({ ms: Number(ms), afterMb: Number(after) });
    byIsolate.set(isolate, list);
  }
  return [...byIsolate.values()].sort((a, b) => b.length - a.length)[0] ?? [];
}
