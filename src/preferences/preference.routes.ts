import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../http/authenticate.js';
import { withErrors } from '../http/schemas.js';
import {
  PatchPreferencesBody,
  PreferenceKeyParams,
  PreferenceResponse,
  PreferencesResponse,
  PutPreferenceBody,
} from './preference.schemas.js';
import type { PreferenceService } from './preference.service.js';

const tags = ['preferences'];

/** The caller's own preferences: list, set one, set many at once, reset one. */
export const preferenceRoutes: FastifyPluginAsyncTypebox<{
  preferences: PreferenceService;
}> = async (app, { preferences }) => {
  app.get(
    '/v1/preferences',
    {
      schema: {
        tags,
        summary: 'Every preference with the value in effect (stored or default)',
        response: withErrors({ 200: PreferencesResponse }),
      },
    },
    async (req) => ({ preferences: await preferences.list(requirePrincipal(req).userId) }),
  );

  app.put(
    '/v1/preferences/:key',
    {
      schema: {
        tags,
        summary: 'Set one preference',
        description:
          '400 unknown_preference for a key not in the registry, 400 invalid_preference for a value of the wrong type or out of range.',
        params: PreferenceKeyParams,
        body: PutPreferenceBody,
        response: withErrors({ 200: PreferenceResponse }),
      },
    },
    (req) => preferences.set(requirePrincipal(req).userId, req.params.key, req.body.value),
  );

  app.patch(
    '/v1/preferences',
    {
      schema: {
        tags,
        summary: 'Set several preferences at once: all are stored, or none',
        body: PatchPreferencesBody,
        response: withErrors({ 200: PreferencesResponse }),
      },
    },
    async (req) => ({
      preferences: await preferences.patch(requirePrincipal(req).userId, req.body),
    }),
  );

  app.delete(
    '/v1/preferences/:key',
    {
      schema: {
        tags,
        summary: 'Reset one preference to its default',
        params: PreferenceKeyParams,
        response: withErrors({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await preferences.reset(requirePrincipal(req).userId, req.params.key);
      return reply.code(204).send(null);
    },
  );
};
