import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExtractedEntity } from '../entities/entities.js';
import { createEntityExtractor } from '../entities/index.js';
import type { SentimentResult } from '../sentiment/sentiment.js';
import { createSentimentAnalyser } from '../sentiment/index.js';
import type { AnalyserVersions } from './enrichment.js';

/** What the analysers found in one text. */
export interface TextAnalysis {
  sentiment: SentimentResult;
  entities: ExtractedEntity[];
}

/** The CPU part of enrichment: texts in, one analysis per text out. */
export interface TextAnalyser {
  /** The analyser and extractor versions this computes; rows with others are stale. */
  readonly versions: AnalyserVersions;
  /**
   * One entry per text, in order: the analysis, or an error message where the analysers failed
   * on that text (the others are unaffected). Rejects when `signal` aborts or the analysis
   * could not run at all.
   */
  analyseAll(texts: readonly string[], signal?: AbortSignal): Promise<(TextAnalysis | string)[]>;
  /** Releases what the analyser holds (a thread); later calls reject. */
  close(): Promise<void>;
}

/**
 * Longest text analysed; the rest is ignored. Enrichment reads a headline, a standfirst and 600
 * characters of body, so this only bounds the time and memory a hostile title could take.
 */
export const MAX_TEXT_CHARS = 10_000;

/** The analysers the app uses, computing one text at a time (run inside the analysis thread). */
export function createAnalysers(): {
  versions: AnalyserVersions;
  analyse(text: unknown): TextAnalysis | string;
} {
  const sentiment = createSentimentAnalyser();
  const entities = createEntityExtractor();
  return {
    versions: {
      analyser: sentiment.name,
      analyserVersion: sentiment.version,
      extractor: entities.name,
      extractorVersion: entities.version,
    },
    analyse(text) {
      if (typeof text !== 'string') return 'not a string';
      const bounded = text.slice(0, MAX_TEXT_CHARS);
      try {
        return { sentiment: sentiment.analyse(bounded), entities: entities.extract(bounded) };
      } catch (error) {
        return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    },
  };
}

/**
 * Analyses on the calling thread, yielding to the event loop between texts: for processes with
 * nothing else to serve (`npm run enrich`). The API and worker use the analysis thread.
 */
export function createInlineAnalyser(): TextAnalyser {
  const analysers = createAnalysers();
  let closed = false;
  return {
    versions: analysers.versions,
    async analyseAll(texts, signal) {
      const results: (TextAnalysis | string)[] = [];
      for (const text of texts) {
        await nextTurn();
        signal?.throwIfAborted();
        if (closed) throw new Error('The analyser is closed');
        results.push(analysers.analyse(text));
      }
      return results;
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
