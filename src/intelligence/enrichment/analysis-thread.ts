/**
 * The analysis thread's entry point (see thread-analyser.ts): receives batches of texts, answers
 * with one analysis or error message per text. A text the analysers choke on fails alone.
 */
import { parentPort } from 'node:worker_threads';
import { createAnalysers } from './text-analyser.js';
import type { AnalysisReply, AnalysisRequest } from './thread-analyser.js';

const port = parentPort;
if (port === null) throw new Error('analysis-thread.ts runs as a worker thread');
const analysers = createAnalysers();

port.on('message', (request: AnalysisRequest) => {
  const texts: unknown[] = Array.isArray(request.texts) ? request.texts : [];
  const reply: AnalysisReply = { id: request.id, results: texts.map((t) => analysers.analyse(t)) };
  port.postMessage(reply);
});
