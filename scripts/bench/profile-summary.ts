/**
 * Summarises a V8 `.cpuprofile` (from `live-search.ts --cpu-prof`): where the samples fell, by
 * function and by module, so a profile can be read without DevTools.
 *
 *   node --import tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const file = positionals[0];
if (file === undefined) {
  process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [--top 25]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(values.top);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Microseconds of self time per node: each sample's delta goes to the node sampled.
const self = new Map<number, number>();
profile.samples.forEach((id, i) =>
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** `function module:line`, the key samples are grouped by. */
function frameName(frame: ProfileNode['callFrame']): string {
  return `${frame.functionName || '(anonymous)'} ${moduleOf(frame.url)}:${frame.lineNumber + 1}`;
}

/** A module name: the package under node_modules, our file under the repo, or V8's own label. */
function moduleOf(url: string): string {
  if (url === '') return '(native/V8)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm?.[1] !== undefined) return nm[1];
  if (url.startsWith('node:')) return url;
  const repo = /\/(src|scripts)\/(.*)$/.exec(url);
  return repo !== null ? `${repo[1]}/${repo[2]}` : url;
}

const fnSelf = new Map<string, number>();
const moduleSelf = new Map<string, number>();
// Inclusive time per function (counted once per sample even when recursive).
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const node = byId.get(id);
  if (node === undefined) continue;
  const name = frameName(node.callFrame);
  const module = moduleOf(node.callFrame.url);
  fnSelf.set(name, (fnSelf.get(name) ?? 0) + us);
  moduleSelf.set(module, (moduleSelf.get(module) ?? 0) + us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (frame === undefined) continue;
    const key = frameName(frame);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}

const show = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title}\n`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const share = ((us / total) * 100).toFixed(1).padStart(5);
    process.stdout.write(`${share}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}\n`);
  }
};
process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
show('Self time by module', moduleSelf);
show('Self time by function', fnSelf);
show('Inclusive time by function', inclusive);
