import { Type, type Static } from '@sinclair/typebox';

/**
 * The raw JSON the Guardian Content API sends (upstream-apis.md §2.4, §2.6). Lenient where the
 * API omits things (`fields` only with show-fields, and then any single field can be missing);
 * strict about what the adapter relies on (id, webTitle, webUrl). Every `fields` value is a
 * string, numbers and booleans included. Nothing outside this folder sees these types.
 */

const OptionalString = Type.Optional(Type.String());

/** The show-fields we read; the others we ask for (wordcount, lastModified…) are left unchecked. */
export const GuardianFieldsWire = Type.Object({
  headline: OptionalString,
  trailText: OptionalString,
  byline: OptionalString,
  thumbnail: OptionalString,
  bodyText: OptionalString,
});

/** One item of `response.results[]`, checked one at a time so an odd item can't sink a page. */
export const GuardianContentWire = Type.Object({
  id: Type.String({ minLength: 1 }),
  type: OptionalString,
  sectionId: OptionalString,
  webTitle: Type.String(),
  webUrl: Type.String(),
  // Documented as always present; a missing one drops the item in the adapter instead.
  webPublicationDate: OptionalString,
  fields: Type.Optional(GuardianFieldsWire),
  isHosted: Type.Optional(Type.Boolean()),
});
export type GuardianContentWire = Static<typeof GuardianContentWire>;

/** A successful /search page. */
export const GuardianSearchWire = Type.Object({
  response: Type.Object({
    status: Type.Literal('ok'),
    total: Type.Integer({ minimum: 0 }),
    results: Type.Array(Type.Unknown()),
  }),
});

/** An error from the Content API itself, in the same envelope as success. */
export const GuardianApiErrorWire = Type.Object({
  response: Type.Object({ status: Type.Literal('error'), message: Type.String() }),
});

/** An error from the Kong gateway in front of the API (bad key, throttling): a flat object. */
export const GuardianGatewayErrorWire = Type.Object({ message: Type.String() });
