// Preloaded into a measured child process: reports its peak resident memory when it exits (the process's, from
// each thread that loads it: a preview runs in a worker thread, see bin/threads.mjs).
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nBENCH_MAXRSS ${process.resourceUsage().maxRSS * 1024}\n`);
});
