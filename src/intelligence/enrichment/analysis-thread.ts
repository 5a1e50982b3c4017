/**
 * The analysis thread's entry point (see thread-analyser.ts): receives batches of texts, answers
 * with one analysis or error message per text. A text the analysers choke on fails alone.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { createAnalysers } from './text-analyser.js';
import type { AnalysisReply, AnalysisRequest } from './thread-analyser.js';

const port = parentPort;
if (port === null) throw new Error('analysis-thread.ts runs as a worker thread');
const analysers = createAnalysers();

// Lowest CPU priority for this thread only (on Linux, priority 0 of "process 0" is the calling
// thread): analysis takes the cores the event loop and PostgreSQL leave idle, and falls behind,
// to be caught up by the queue and sweep, when they are busy. Elsewhere it would renice the
// whole process, so it is skipped.
if (process.platform === 'linux') {
  try {
    setPriority(0, 19);
  } catch {
    // Not permitted here (a sandbox); the thread runs at normal priority.
  }
}

port.on('message', (request: AnalysisRequest) => {
  const texts: unknown[] = Array.isArray(request.texts) ? request.texts : [];
  const reply: AnalysisReply = { id: request.id, results: texts.map((t) => analysers.analyse(t)) };
  port.postMessage(reply);
});
