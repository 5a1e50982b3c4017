import type { EntityKind } from '../entities/entities.js';

/** One time bucket of GET /v1/insights/trends. */
export interface TrendBucket {
  start: Date;
  /** Articles published in the bucket (matching q). */
  articles: number;
  /** Articles per provider that carried them (an article carried by two counts for both). */
  providers: Record<string, number>;
  sentiment: {
    /** Articles with a sentiment score (analysed, in a language the analyser reads). */
    analysed: number;
    /** Mean score of those, or null when none. */
    mean: number | null;
    /** Their sample standard deviation, or null with fewer than two. */
    stddev: number | null;
  };
}

/** An entity and how often the matching articles named it. */
export interface EntityCount {
  id: string;
  kind: EntityKind;
  name: string;
  /** Articles naming it. */
  articles: number;
  /** Mentions summed over those articles. */
  mentions: number;
}

/** An entity whose coverage rose in the recent window against its own baseline. */
export interface TrendingEntity {
  id: string;
  kind: EntityKind;
  name: string;
  /** Articles naming it, published in the recent window. */
  recent: number;
  /** Mean articles per window over the 7 windows before it. */
  baseline: number;
  /** (recent + 1) / (baseline + 1). */
  ratio: number;
}
