/**
 * A small Dockerfile reader, enough for static checks: instructions with line continuations
 * joined, comments dropped, stages split at FROM, JSON (exec) forms decoded.
 */
export interface Instruction {
  keyword: string;
  /** The arguments as written, continuations joined with a space. */
  args: string;
  line: number;
}

export interface Stage {
  /** The FROM image after ARG defaults are substituted. */
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Map<string, string>;
  stages: Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions = joinLines(text);
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [rawImage = '', as, name] = instruction.args.split(/\s+/);
      stages.push({
        image: substitute(rawImage, globalArgs),
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') {
        throw new Error(`line ${instruction.line}: ${instruction.keyword} before the first FROM`);
      }
      const [name = '', fallback = ''] = instruction.args.split('=', 2);
      globalArgs.set(name.trim(), fallback.trim());
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** The exec form (`["a", "b"]`) as an array, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(trimmed);
  if (!Array.isArray(parsed) || !parsed.every((p): p is string => typeof p === 'string')) {
    throw new Error(`not a JSON array of strings: ${trimmed}`);
  }
  return parsed;
}

/** Instructions of a stage with the given keyword. */
export function find(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** `--flag=value` options at the start of COPY/HEALTHCHECK arguments, and what follows them. */
export function splitFlags(args: string): { flags: Map<string, string>; rest: string } {
  const flags = new Map<string, string>();
  let rest = args.trim();
  for (
    let match = /^--([a-z-]+)=(\S+)\s+/.exec(rest);
    match;
    match = /^--([a-z-]+)=(\S+)\s+/.exec(rest)
  ) {
    flags.set(match[1] ?? '', match[2] ?? '');
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

function joinLines(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (pending === undefined && (line.trim() === '' || line.trimStart().startsWith('#'))) return;
    if (pending !== undefined && line.trimStart().startsWith('#')) return; // comment inside
    const continues = line.endsWith('\\');
    const body = continues ? line.slice(0, -1) : line;
    pending =
      pending === undefined
        ? { text: body.trim(), line: index + 1 }
        : { text: `${pending.text} ${body.trim()}`, line: pending.line };
    if (continues) return;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(pending.text) ?? [];
    result.push({ keyword: keyword.toUpperCase(), args, line: pending.line });
    pending = undefined;
  });
  return result;
}

function substitute(value: string, args: Map<string, string>): string {
  return value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => {
    return args.get(name) ?? whole;
  });
}
