/** Runs the real built command line (dist/src/cli.js) as a child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../src/paths.js';

/** Result of one CLI run. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `clarte ARGS` with optional standard input. */
export function clarte(args: string[], input?: string | Buffer, env: Record<string, string> = {}): CliResult {
  const p = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'clarte.mjs'), ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 1 << 28,
    env: { ...process.env, ...env },
  });
  return { status: p.status, stdout: p.stdout, stderr: p.stderr };
}
