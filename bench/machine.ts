import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * What the machine's processors did while a case ran, from Linux's /proc/stat (in its fixed unit of 1/100 s,
 * summed over every core): the time they sat idle, and the time the hypervisor gave them to other machines
 * ("steal"). A virtual machine's figures swing from one run to the next: seconds of steal say a run had less of
 * the machine than another (not every slow spell shows as steal).
 */
export interface CpuTimes {
  idle: number;
  steal: number;
}

/** The processors' idle and stolen time so far, in seconds; undefined where /proc/stat is not there. */
export function cpuTimes(): CpuTimes | undefined {
  let first: string | undefined;
  try {
    first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  } catch {
    return undefined;
  }
  // cpu user nice system idle iowait irq softirq steal ...
  const fields = first?.trim().split(/\s+/).slice(1).map(Number);
  if (!fields || fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return undefined;
  return { idle: (fields[3]! + fields[4]!) / 100, steal: fields[7]! / 100 };
}

/** `2 processors: idle 12.3 s, steal 4.5 s` between two readings, or '' when either is missing. */
export function cpuTimesBetween(before: CpuTimes | undefined, after: CpuTimes | undefined): string {
  if (!before || !after) return '';
  const idle = (after.idle - before.idle).toFixed(1);
  const steal = (after.steal - before.steal).toFixed(1);
  return `${cpus().length} processors: idle ${idle} s, steal ${steal} s`;
}
