import type { InjectOptions } from 'fastify';
import { fillPath, type Route } from './fuzz-harness.js';
import type { JsonSchema } from './schema-arbitrary.js';

/**
 * A hand-written corpus of hostile inputs, applied to every parameter and body field of every
 * documented route (and a few routes the document hides): what an attacker or a broken client
 * sends first.
 */

const MEGABYTE = 'x'.repeat(1024 * 1024);

/** Values for any string parameter or field, as JavaScript strings (encoded per transport). */
export const HOSTILE_STRINGS: string[] = [
  "'",
  "''; drop table users; --",
  '\\',
  '\\\\x00',
  ':*',
  'a:*',
  '&|!<->',
  '!!!',
  '<->',
  '(((',
  ')))',
  '"unterminated',
  '-',
  'OR',
  'a & | b',
  '\u0000',
  'before\u0000after',
  '\ud800',
  'x\udfffy',
  '\uffff\ufffe',
  'a\r\nx-injected: 1',
  '\r\n\r\n<html>',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f',
  '__proto__',
  'constructor',
  '12',
  '-1',
  '1e309',
  '99999999999999999999999',
  'NaN',
  'true',
  'null',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  'https://evil.example/',
  '//evil.example',
  '',
  ' ',
  MEGABYTE,
];

/** Pre-encoded URL fragments a JavaScript string cannot express: broken percent-encoding. */
export const RAW_URL_VALUES: string[] = [
  '%00',
  '%ff',
  '%ed%a0%80', // a UTF-8-encoded lone surrogate
  '%c0%ae%c0%ae%2f', // overlong "../"
  '%',
  '%zz',
  '%0d%0ax-injected:%201',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
];

/** Whole request bodies sent as raw bytes, whatever the route's schema is. */
export const RAW_BODIES: (string | Buffer)[] = [
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":{"__proto__":{"polluted":"yes"}}}',
  '{"value":"\\ud800","note":"\\udfff","name":"\\u0000"}',
  Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xae, 0x22, 0x7d]), // {"n":"<bad>"}
  Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
  '',
  'null',
  '[]',
  '"a string"',
  '12',
  '{',
  '{"a":1,}',
  '{"limit":1e309,"value":-1e309,"note":1e309}',
  `{"big":"${'y'.repeat(2 * 1024 * 1024)}"}`,
];

/** Wrong shapes for a field whatever its type: numbers as strings, arrays for scalars, and so on. */
function wrongShapesFor(schema: JsonSchema): unknown[] {
  const shapes: unknown[] = [null, [], ['a', 'b'], {}, { $gt: '' }, true, 0, -1, 1.5];
  if (schema.type === 'integer' || schema.type === 'number') shapes.push('20', '1e3', ' 7 ');
  if (schema.type === 'boolean') shapes.push('true', 1);
  if (schema.type === 'array') shapes.push('a,b', [[['deep']]], Array(10_000).fill('x'));
  return shapes;
}

type Request = InjectOptions & { url: string };

/** Every hostile request for one route (headers are the caller's, added by the test). */
export function hostileRequests(route: Route): Request[] {
  const requests: Request[] = [];
  const validParams = Object.fromEntries(
    Object.keys(route.params.properties ?? {}).map((name) => [name, '1']),
  );
  const base = fillPath(route.path, validParams);
  const json = (payload: string | Buffer, url = base): Request => ({
    method: route.method,
    url,
    headers: { 'content-type': 'application/json' },
    payload,
  });
  const bare = (url: string): Request =>
    route.body === undefined ? { method: route.method, url } : json('{}', url);

  for (const name of Object.keys(route.params.properties ?? {})) {
    const at = (value: string) => route.path.replace(`{${name}}`, value).replace(/\{\w+\}/g, '1');
    for (const value of HOSTILE_STRINGS) {
      requests.push(bare(fillPath(route.path, { ...validParams, [name]: value })));
    }
    for (const raw of [...RAW_URL_VALUES, '../../etc/passwd', '..', '.'])
      requests.push(bare(at(raw)));
  }
  const queryNames = [...Object.keys(route.query.properties ?? {}), '__proto__', 'constructor'];
  for (const name of queryNames) {
    for (const value of HOSTILE_STRINGS) {
      requests.push(bare(`${base}?${name}=${encodeURIComponentLoosely(value)}`));
    }
    for (const raw of RAW_URL_VALUES) requests.push(bare(`${base}?${name}=${raw}`));
    requests.push(bare(`${base}?${name}=1&${name}=2&${name}=3`));
    requests.push(bare(`${base}?${name}[]=1`));
  }
  requests.push(bare(`${base}?__proto__[polluted]=yes&constructor[prototype][polluted]=yes`));

  if (route.body !== undefined) {
    const properties = route.body.properties ?? { value: {}, theme: {}, outlets: {} };
    for (const [name, schema] of Object.entries(properties)) {
      const values = [...HOSTILE_STRINGS, ...wrongShapesFor(schema)];
      for (const value of values) requests.push(json(JSON.stringify({ [name]: value })));
    }
    for (const raw of RAW_BODIES) requests.push(json(raw));
    requests.push({ ...json('{}'), headers: { 'content-type': 'text/plain' } });
    requests.push({
      ...json('{}'),
      headers: { 'content-type': 'application/json; charset=latin1' },
    });
  }
  return requests;
}

/** Routes the OpenAPI document hides (the web app, docs, metrics) and routes that do not exist. */
export const UNDOCUMENTED_URLS = [
  '/',
  '/docs',
  '/docs/json',
  '/openapi.json',
  '/metrics',
  '/v1/nope',
];

/** Percent-encodes like encodeURIComponent, but lone surrogates become %ED%A0%80-style bytes. */
function encodeURIComponentLoosely(value: string): string {
  // The fast path for the common case (and for 1 MB values); surrogates take the slow one.
  if (!/[\ud800-\udfff]/.test(value)) return encodeURIComponent(value);
  let out = '';
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    const lone =
      unit >= 0xd800 &&
      unit <= 0xdfff &&
      !(unit <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00);
    if (lone) {
      // WTF-8: the surrogate's three bytes, which are not valid UTF-8.
      out += `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`;
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i += 1;
    } else {
      out += encodeURIComponent(value[i] ?? '');
    }
  }
  return out;
}
