import nlp from 'compromise';
import type { EntityExtractor, EntityKind, ExtractedEntity } from './entities.js';

export type { EntityExtractor, EntityKind, ExtractedEntity } from './entities.js';

function keyOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The entity extractor the app uses (compromise: people, organisations, places). */
export function createEntityExtractor(): EntityExtractor {
  return {
    name: 'compromise',
    version: '0',
    extract(text: string): ExtractedEntity[] {
      const doc = nlp(text.slice(0, 5000));
      const found = new Map<string, ExtractedEntity>();
      const add = (kind: EntityKind, names: string[]): void => {
        for (const name of names) {
          const key = keyOf(name);
          if (key === '') continue;
          const existing = found.get(`${kind}:${key}`);
          if (existing) existing.mentions += 1;
          else found.set(`${kind}:${key}`, { kind, name, key, mentions: 1 });
        }
      };
      add('person', doc.people().out('array') as string[]);
      add('organisation', doc.organizations().out('array') as string[]);
      add('place', doc.places().out('array') as string[]);
      return [...found.values()];
    },
  };
}
