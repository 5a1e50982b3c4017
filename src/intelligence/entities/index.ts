import { createCompromiseExtractor } from './compromise.extractor.js';
import type { EntityExtractor } from './entities.js';

export type { EntityExtractor, EntityKind, ExtractedEntity } from './entities.js';

/** The entity extractor the app uses: compromise plus a gazetteer and headline rules. */
export function createEntityExtractor(): EntityExtractor {
  return createCompromiseExtractor();
}
