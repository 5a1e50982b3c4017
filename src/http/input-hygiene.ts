import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/**
 * What the route schemas cannot say, checked on every request after validation (so the values
 * are the coerced ones): no U+0000 in any string or key, since PostgreSQL text and jsonb cannot
 * hold it and the query would fail as a 500; and no infinite number, since Ajv coerces "1e309"
 * in a query string to Infinity and then skips minimum/maximum for non-finite numbers.
 */
export async function rejectUnstorableInput(req: FastifyRequest): Promise<void> {
  const parts: [string, unknown][] = [
    ['params', req.params],
    ['querystring', req.query],
    ['body', req.body],
  ];
  for (const [part, value] of parts) {
    const problem = findUnstorable(value);
    if (problem !== undefined) {
      throw new AppError('validation_failed', `${part}${problem.path} ${problem.message}`);
    }
  }
}

interface Problem {
  path: string;
  message: string;
}

/** The first NUL or non-finite number in a JSON-like value; iterative, as bodies nest deeply. */
export function findUnstorable(root: unknown): Problem | undefined {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { path, message: 'must not contain NUL characters' };
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { path, message: 'must be a finite number' };
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const childPath = `${path}/${key}`;
        if (key.includes('\u0000')) return { path, message: 'must not contain NUL characters' };
        stack.push({ value: child, path: childPath });
      }
    }
  }
  return undefined;
}
