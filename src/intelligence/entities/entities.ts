export type EntityKind = 'person' | 'organisation' | 'place';

export interface ExtractedEntity {
  kind: EntityKind;
  /** As written in the text, best form (e.g. "Joe Biden"). */
  name: string;
  /** Stable key for "one entity row, many mentions": case/accents/punctuation folded, titles ("Mr", "President") and possessives dropped. */
  key: string;
  mentions: number;
}

export interface EntityExtractor {
  readonly name: string;
  readonly version: string;
  extract(text: string): ExtractedEntity[];
}
