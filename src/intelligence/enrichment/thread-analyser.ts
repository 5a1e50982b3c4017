import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits, type WorkerOptions } from 'node:worker_threads';
import type { Logger } from '../../logger.js';
import {
  createAnalysers,
  MAX_TEXT_CHARS,
  type TextAnalyser,
  type TextAnalysis,
} from './text-analyser.js';

/** A batch sent to the analysis thread. */
export interface AnalysisRequest {
  id: number;
  texts: readonly string[];
}

/** The thread's answer: one analysis or error message per text, in order. */
export interface AnalysisReply {
  id: number;
  results: (TextAnalysis | string)[];
}

export interface ThreadAnalyserOptions {
  log: Logger;
  /** Caps the thread's heap, so a runaway analysis kills the thread, not the process. */
  resourceLimits?: ResourceLimits;
}

/** Heap for the analysers (~15 MB loaded) and a batch's texts, with room to spare. */
const DEFAULT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 256 };

/** The analysis thread, seen from the process that owns it. */
export interface ThreadAnalyser extends TextAnalyser {
  /** Threads started so far (1 after the first batch; more after crashes), and whether one runs. */
  threadStats(): { starts: number; running: boolean };
}

/**
 * Runs the analysers in one `worker_threads` thread, so their CPU work (~3-15 ms an article)
 * never holds this process's event loop. Batches are answered in order. The thread starts on the
 * first batch (processes that never enrich never start it), is unreferenced while idle (it keeps
 * no process alive), and after it dies the next batch starts a new one; the batch it was running
 * rejects and the sweep finds those articles later.
 */
export function createThreadAnalyser(options: ThreadAnalyserOptions): ThreadAnalyser {
  const { log } = options;
  // Read on this thread too: the sweep compares stored rows with these.
  const { versions } = createAnalysers();
  const pending = new Map<number, Waiter>();
  let thread: Worker | undefined;
  let nextId = 0;
  let starts = 0;
  let closed = false;

  function start(): Worker {
    const { entry, options: startOptions } = threadStart();
    const worker = new Worker(entry, {
      ...startOptions,
      resourceLimits: options.resourceLimits ?? DEFAULT_LIMITS,
      name: 'enrichment-analysis',
    });
    starts += 1;
    let failure: Error | undefined;
    worker.on('message', (reply: AnalysisReply) => {
      pending.get(reply.id)?.resolve(reply.results);
      pending.delete(reply.id);
      if (pending.size === 0) worker.unref();
    });
    // An uncaught error or the heap limit; 'exit' follows.
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (code) => {
      if (thread === worker) thread = undefined;
      if (!closed) {
        log.error(
          { err: failure, code, batches: pending.size },
          'Enrichment analysis thread died; the next batch starts a new one',
        );
      }
      const error = new Error(`The enrichment analysis thread exited (code ${code})`, {
        cause: failure,
      });
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
    return worker;
  }

  return {
    versions,
    threadStats: () => ({ starts, running: thread !== undefined }),
    analyseAll(texts, signal) {
      if (closed) return Promise.reject(new Error('The analyser is closed'));
      if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
      thread ??= start();
      const worker = thread;
      const id = (nextId += 1);
      worker.ref();
      return new Promise<(TextAnalysis | string)[]>((resolve, reject) => {
        // The thread finishes the batch either way; an abort only stops waiting for it.
        const onAbort = () => {
          pending.delete(id);
          if (pending.size === 0) worker.unref();
          reject(signal?.reason as Error);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const settled = () => signal?.removeEventListener('abort', onAbort);
        pending.set(id, {
          resolve: (results) => (settled(), resolve(results)),
          reject: (error) => (settled(), reject(error)),
        });
        // Bounded here, so a hostile text is never even copied to the thread whole.
        const bounded = texts.map((text) => text.slice(0, MAX_TEXT_CHARS));
        worker.postMessage({ id, texts: bounded } satisfies AnalysisRequest);
      });
    },
    async close() {
      closed = true;
      const worker = thread;
      thread = undefined;
      if (worker !== undefined) await worker.terminate();
    },
  };
}

interface Waiter {
  resolve: (results: (TextAnalysis | string)[]) => void;
  reject: (error: Error) => void;
}

/**
 * The thread's entry point: the sibling module with this module's extension. Built (.js), node
 * runs it as is. From source (.ts, under tsx), the thread must first load tsx: `execArgv:
 * ['--import', 'tsx']` does not apply to a thread's entry module on Node 20, so a small evaluated
 * bootstrap registers tsx's loader (resolved from here, not from the working directory) and then
 * imports the entry.
 */
function threadStart(): { entry: string | URL; options: WorkerOptions } {
  const extension = path.extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./analysis-thread${extension}`, import.meta.url);
  if (extension !== '.ts') return { entry, options: {} };
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap =
    `import(${JSON.stringify(tsx)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  // No flags of this process (the test runner's may not apply to threads).
  return { entry: bootstrap, options: { eval: true, execArgv: [] } };
}
