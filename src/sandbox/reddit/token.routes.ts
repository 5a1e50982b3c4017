import type { FastifyPluginAsync } from 'fastify';
import {
  basicClient,
  formFields,
  JSON_TYPE,
  rejectUserAgent,
  sendGenericError,
} from './client-auth.js';
import type { OAuthStore, TokenResponse } from './oauth-store.js';

/**
 * www.reddit.com's token endpoints: POST /api/v1/access_token (client_credentials,
 * authorization_code, refresh_token) and POST /api/v1/revoke_token, both with HTTP Basic client
 * credentials and form bodies. An unknown grant is answered 200 with an OAuth-style error, a quirk
 * clients must branch on (upstream-apis.md §3.4).
 */
export const tokenRoutes: FastifyPluginAsync<{ store: OAuthStore }> = async (app, { store }) => {
  app.post('/api/v1/access_token', async (req, reply) => {
    const blocked = rejectUserAgent(req, reply);
    if (blocked !== null) return blocked;
    const clientId = basicClient(req);
    if (clientId === null) return sendGenericError(reply, 401, 'Unauthorized');
    const form = formFields(req.body);
    let token: TokenResponse | null;
    switch (form.grant_type ?? '') {
      case 'client_credentials':
        token = store.clientCredentials(clientId, form.scope);
        break;
      case 'authorization_code':
        token = store.redeemCode(form.code ?? '', clientId, form.redirect_uri ?? '');
        break;
      case 'refresh_token':
        token = store.refresh(form.refresh_token ?? '', clientId);
        break;
      default:
        return reply
          .code(200)
          .type(JSON_TYPE)
          .send(JSON.stringify({ error: 'unsupported_grant_type' }));
    }
    if (token === null) return sendGenericError(reply, 400, 'Bad Request');
    return reply.code(200).type(JSON_TYPE).send(JSON.stringify(token));
  });

  app.post('/api/v1/revoke_token', async (req, reply) => {
    const blocked = rejectUserAgent(req, reply);
    if (blocked !== null) return blocked;
    if (basicClient(req) === null) return sendGenericError(reply, 401, 'Unauthorized');
    const token = formFields(req.body).token;
    if (token !== undefined && token !== '') store.revoke(token);
    // 200 with an empty body, even for unknown tokens.
    return reply.code(200).header('content-length', '0').send();
  });
};
