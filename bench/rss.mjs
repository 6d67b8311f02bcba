// Preloaded into a measured child process: reports its peak resident memory when it exits (the process's, from
// each thread that loads it: a preview runs in a worker thread, see bin/threads.mjs).
//
// The peak is the kernel's high-water mark of this process's own memory (VmHWM in /proc/self/status), not
// getrusage's maxRSS: on Linux a child's maxRSS starts from its parent's resident memory when it was started (the
// address space it is forked with counts until it runs Node.js), so a benchmark that had just generated a large
// workbook made its child report that: 355 to 358 MiB for a 500,000-line XLSX import whose own peak was about 220
// (docs/performance.md). maxRSS only where /proc is not there.
import { readFileSync, writeSync } from 'node:fs';

function peakBytes() {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // No /proc: getrusage below.
  }
  return process.resourceUsage().maxRSS * 1024;
}

process.on('exit', () => {
  writeSync(2, `\nBENCH_MAXRSS ${peakBytes()}\n`);
});
