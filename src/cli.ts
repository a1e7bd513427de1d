#!/usr/bin/env node
/** Entry of the `clarte` command (bundled into dist/src/clarte.mjs); the command itself is src/command.ts. */
import { run } from './command.js';

await run(process.argv.slice(2));
