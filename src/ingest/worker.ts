/** Ingestion worker thread: extracts a document and analyses it, under the pool's time and memory limits. */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { analyse } from '../analyse.js';
import { isAppError } from '../errors.js';
import { RuleLibrary } from '../rules/load.js';
import { assemble } from './assemble.js';
import { extractDocument } from './extract.js';
import { analyseTextJob } from './text-job.js';
import { tinyDocx, tinyPdf, warmUpAnalysis } from './warmup.js';
import type { WorkerData, WorkerJob, WorkerReply } from './pool.js';
import { HeapWatch } from './heap-watch.js';

const data = workerData as WorkerData;
const library = await RuleLibrary.load(data.rulesDir, data.profile);
const port = parentPort!;

// Warm-up before saying ready: the PDF engine, the DOCX reader and the analysis are loaded and
// compiled once, so the first upload is not slower than the others and the resting memory of a
// worker is what it holds with everything loaded.
try {
  for (const file of [tinyPdf(), tinyDocx()]) {
    const warm = await extractDocument(file, data.limits, data.pdfEngine);
    const { text, blocks, bodyEnd } = assemble(warm.blocks);
    analyse({ text, blocks, bodyEnd, format: warm.format, bytes: 0, sha256: '' }, library, { profile: data.profile, personalData: 'count' });
  }
  warmUpAnalysis(library, data.profile);
} catch {
  // A warm-up failure is not fatal: the first real document will say what is wrong.
}

async function run(job: WorkerJob): Promise<WorkerReply> {
  try {
    if (job.text !== undefined) {
      // Pasted text: analysed as the main thread would, and sent back serialised (one string to copy).
      const report = analyseTextJob({ ...job, text: job.text }, library);
      return { seq: job.seq, json: JSON.stringify(report) };
    }
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
      {
        profile: job.profile,
        maxChars: job.maxChars,
        ...(job.documentType ? { documentType: job.documentType } : {}),
        ...(job.personalData ? { personalData: job.personalData } : {}),
      },
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

// A document can leave tens of megabytes of garbage (PDF objects, fonts, images, XML) that V8 would
// keep until its heap limit. In the server, once the heap has grown well past its resting size, it is
// collected right after the reply (off the main thread), so a worker's memory stays near its resting
// size. Measured on the endurance bench (200 files, 4 at a time): 48 MiB of growth let the server
// reach 1.47 to 1.54 × its starting memory, 24 MiB 1.41 to 1.48 ×, 16 MiB 1.36 to 1.44 ×.
// A batch leaves collection to V8: on 100 small DOCX, 3.4-3.6 s without forced collections, 7.4-7.7 s
// with them, and still 4.0-4.2 s when they were held under 3 % of the reading time (their cost
// reaches beyond their own duration).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
collect();
const heap = new HeapWatch(getHeapStatistics().used_heap_size, 16 * 1024 * 1024);

port.on('message', (job: WorkerJob) => {
  void run(job).then((reply) => {
    port.postMessage(reply);
    if (data.collectGarbage && heap.shouldCollect(getHeapStatistics().used_heap_size)) {
      collect();
      heap.collected(getHeapStatistics().used_heap_size);
    }
  });
});
port.postMessage({ ready: true });
