import type { FastifyReply } from 'fastify';
import type { FaultShapes } from '../faults.js';

/**
 * NewsAPI's error bodies: only status, code and message (no totalResults, no articles), with the
 * real wording where it has been seen (upstream-apis.md §1.6).
 */

export const NEWSAPI_HEADERS = {
  'cache-control': 'no-cache',
  pragma: 'no-cache',
  expires: '-1',
  'x-cached-result': 'false',
} as const;

export const MESSAGES = {
  apiKeyMissing:
    'Your API key is missing. Append this to the URL with the apiKey param, or use the x-api-key HTTP header.',
  apiKeyInvalid:
    'Your API key is invalid or incorrect. Check your key, or go to https://newsapi.org to create a free API key.',
  rateLimited:
    'You have made too many requests recently. Developer accounts are limited to 100 requests over a 24 hour period (50 requests available every 12 hours). Please upgrade to a paid plan if you need more requests.',
  everythingMissing:
    'Required parameters are missing, the scope of your search is too broad. Please set any of the following required parameters and try again: q, qInTitle, sources, domains.',
  topHeadlinesMissing:
    'Required parameters are missing. Please set any of the following parameters and try again: sources, q, language, country, category.',
  corsNotAllowed:
    'Requests from the browser are not allowed on the Developer plan, except from localhost.',
  sourcesTooMany:
    'You have requested too many sources in a single request. Try splitting the request into 2 smaller requests.',
  mixedSources: 'You cannot mix the sources parameter with the country or category parameters.',
  unexpectedError: 'An unexpected error occurred. Please try again later.',
} as const;

export interface NewsapiError {
  status: number;
  code: string;
  message: string;
}

/** The 426 a developer key gets past the first 100 results of a query. */
export function maximumResultsReached(page: number, pageSize: number): NewsapiError {
  return {
    status: 426,
    code: 'maximumResultsReached',
    message: `You have requested too many results. Developer accounts are limited to a max of 100 results. You are trying to request results ${(page - 1) * pageSize} to ${page * pageSize}. Please upgrade to a paid plan if you need more results.`,
  };
}

/** The 400 for a `from` older than the plan allows (dates as yyyy-mm-dd). */
export function tooFarInThePast(earliest: string, requested: string): NewsapiError {
  return {
    status: 400,
    code: 'parameterInvalid',
    message: `You are trying to request results too far in the past. Your plan permits you to request articles as far back as ${earliest}, but you have requested ${requested}. You may need to upgrade to a paid plan.`,
  };
}

/** A 400 parameterInvalid naming the parameter. */
export function parameterInvalid(message: string): NewsapiError {
  return { status: 400, code: 'parameterInvalid', message };
}

/** Sends an error in NewsAPI's shape. */
export function sendError(reply: FastifyReply, error: NewsapiError): FastifyReply {
  return reply
    .code(error.status)
    .headers(NEWSAPI_HEADERS)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ status: 'error', code: error.code, message: error.message }));
}

const CLOUDFLARE_502 =
  '<!DOCTYPE html>\n<html><head><title>newsapi.org | 502: Bad gateway</title></head><body><div id="cf-error-details"><h1>Bad gateway</h1><span>Error code 502</span><p>The web server reported a bad gateway error.</p><p>Cloudflare Ray ID: 8b1f2c3d4e5f6a7b</p></div></body></html>\n';

/** NewsAPI failing: its JSON 500, or Cloudflare's HTML page in front of it. No Retry-After on 429. */
export const newsapiFaultShapes: FaultShapes = {
  serverError: (roll) =>
    roll < 0.5
      ? {
          status: 500,
          contentType: 'application/json; charset=utf-8',
          headers: NEWSAPI_HEADERS,
          body: JSON.stringify({
            status: 'error',
            code: 'unexpectedError',
            message: MESSAGES.unexpectedError,
          }),
        }
      : { status: 502, contentType: 'text/html; charset=UTF-8', body: CLOUDFLARE_502 },
  rateLimited: () => ({
    status: 429,
    contentType: 'application/json; charset=utf-8',
    headers: NEWSAPI_HEADERS,
    body: JSON.stringify({ status: 'error', code: 'rateLimited', message: MESSAGES.rateLimited }),
  }),
  wrongShape: JSON.stringify({ status: 'ok', totalResults: '20', articles: { items: [] } }),
};
