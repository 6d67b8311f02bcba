import { type DrainOptions, drainOutbox } from './drain.ts';

/** The drainer loop's settings. */
export interface DrainerOptions extends DrainOptions {
  /** The pause between passes when the outbox had nothing more to send. */
  intervalMs?: number;
  /** Where problems are written (database errors; channel failures are recorded on the rows). */
  log?: (message: string) => void;
}

/** A running drainer. */
export interface Drainer {
  /** Stops after the pass in progress, if any, and resolves once it has. */
  stop(): Promise<void>;
}

/**
 * Drains the outbox in a loop until stopped, for the worker process: a pass, then straight another while
 * passes come back full, else a pause of `intervalMs`. Several drainers (in several processes) may run at
 * once; claims keep them from sending the same message at the same time. Nothing thrown escapes the loop.
 * Slack pacing (about one message per second per webhook) lives in the Slack channel, so pass this drainer
 * the same channel objects for its whole life.
 */
export function startDrainer(opts: DrainerOptions): Drainer {
  const intervalMs = opts.intervalMs ?? 2000;
  const batchSize = opts.batchSize ?? 20;
  const log = opts.log ?? ((m: string) => console.error(m));
  let running = true;
  let wake: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (running) {
      let full = false;
      try {
        const report = await drainOutbox({ ...opts, batchSize });
        full = report.claimed >= batchSize;
      } catch (e) {
        log(`outbox drainer: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (running) await pause(full ? 0 : intervalMs);
    }
  })();

  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
