/**
 * Starting worker threads, for every pool of the project. `node:worker_threads` is loaded on first
 * use, not imported: the command line's startup snapshot (src/snapshot.ts) must not hold it, as a
 * worker started from a deserialised process fails on Node 20 (its working-directory state is not
 * restored). Such a process also runs with `--snapshot-blob`, an option a worker refuses.
 */
import type { Worker, WorkerOptions } from 'node:worker_threads';

export function startWorker(file: string | URL, options: WorkerOptions): Worker {
  const threads = process.getBuiltinModule('node:worker_threads');
  const fromSnapshot = options.execArgv === undefined && process.execArgv.includes('--snapshot-blob');
  return new threads.Worker(file, fromSnapshot ? { ...options, execArgv: [] } : options);
}
