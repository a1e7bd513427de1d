/** Ingestion worker thread: extracts a document and analyses it, under the pool's time and memory limits. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyse } from '../analyse.js';
import { isAppError } from '../errors.js';
import { RuleLibrary } from '../rules/load.js';
import { assemble } from './assemble.js';
import { extractDocument } from './extract.js';
import type { WorkerData, WorkerJob, WorkerReply } from './pool.js';

const data = workerData as WorkerData;
const library = await RuleLibrary.load(data.rulesDir, data.profile);
const port = parentPort!;

async function run(job: WorkerJob): Promise<WorkerReply> {
  try {
    const bytes = Buffer.from(job.bytes);
    const ex = await extractDocument(bytes, data.limits, data.pdfEngine);
    const { text, blocks, bodyEnd } = assemble(ex.blocks);
    if (job.extractOnly) {
      return { seq: job.seq, extracted: { text, blocks, bodyEnd, format: ex.format, warnings: ex.warnings, ...(ex.pages !== undefined ? { pages: ex.pages } : {}) } };
    }
    const report = analyse(
      {
        text,
        blocks,
        bodyEnd,
        warnings: ex.warnings,
        format: ex.format,
        bytes: bytes.length,
        sha256: job.sha256,
        ...(ex.pages !== undefined ? { pages: ex.pages } : {}),
        ...(job.filename !== undefined ? { filename: job.filename } : {}),
        ...(job.id !== undefined ? { id: job.id } : {}),
      },
      library,
      { profile: job.profile, maxChars: job.maxChars },
    );
    return { seq: job.seq, report };
  } catch (e) {
    if (isAppError(e)) return { seq: job.seq, error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) } };
    // A library that throws on a broken file: that document is unreadable, the worker goes on.
    return {
      seq: job.seq,
      error: {
        code: 'UNREADABLE',
        message: 'Le document n’a pas pu être lu : il est endommagé ou d’une forme que Clarté ne reconnaît pas.',
        details: { detail: String((e as Error)?.message ?? e).slice(0, 200) },
      },
    };
  }
}

port.on('message', (job: WorkerJob) => {
  void run(job).then((reply) => port.postMessage(reply));
});
port.postMessage({ ready: true });
