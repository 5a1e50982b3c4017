import type { ExtractedEntity } from '../entities/entities.js';
import type { SentimentResult } from '../sentiment/sentiment.js';

/** What enrichment reads of an article. */
export interface ArticleText {
  id: string;
  title: string;
  description: string | null;
  content: string | null;
}

/** What enrichment computed for one article. */
export interface Enrichment {
  articleId: string;
  sentiment: SentimentResult;
  entities: ExtractedEntity[];
}

/** Which analyser and extractor (name and version) computed a result: older ones are stale. */
export interface AnalyserVersions {
  analyser: string;
  analyserVersion: string;
  extractor: string;
  extractorVersion: string;
}

/**
 * Characters of content analysed after the title and description. Entity extraction costs time
 * in proportion to its text (measured: ~4 ms for a headline, ~36 ms for headline, description
 * and 1,000 characters of content); the opening of a story names who and where.
 */
export const CONTENT_CHARS = 600;

/** The text both analysers read: title, description, then the opening of the content. */
export function analysedText(article: ArticleText): string {
  return [article.title, article.description, article.content?.slice(0, CONTENT_CHARS)]
    .filter((part): part is string => part !== null && part !== undefined && part.trim() !== '')
    .join('\n\n');
}
