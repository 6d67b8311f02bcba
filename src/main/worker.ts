import PgBoss from 'pg-boss';
import { JOBS } from '../jobs/definitions.ts';
import { startDrainer } from '../notify/drainer.ts';
import { createEmailChannel } from '../notify/email.ts';
import { createSlackChannel } from '../notify/slack.ts';
import type { JobQueue, ServiceContext } from '../services/context.ts';
import { recoverImports } from '../services/imports/recover-imports.ts';

/** A running worker: it takes jobs until stopped. */
export interface Worker {
  stop(): Promise<void>;
}

/** The job queue on the application's database (pg-boss keeps its tables in their own schema). */
export async function startQueue(url: string): Promise<{ boss: PgBoss; jobs: JobQueue }> {
  const boss = new PgBoss({ connectionString: url, max: 4, application_name: 'clientele-jobs' });
  boss.on('error', (e) => console.error(`job queue: ${e.message}`));
  await boss.start();
  for (const job of JOBS) {
    await boss.createQueue(job.name, {
      name: job.name,
      expireInSeconds: job.expireInSeconds,
      retryLimit: job.retryLimit,
      retryBackoff: true,
    });
  }
  const jobs: JobQueue = {
    async send(name, data, opts) {
      await boss.send(name, data, opts?.singletonKey ? { singletonKey: opts.singletonKey } : {});
    },
  };
  return { boss, jobs };
}

/**
 * Takes jobs from the queue, one at a time per kind, and looks every few seconds for imports whose worker died
 * (queueing them again). Stopping finishes the current job, or leaves it to be recovered by another worker.
 */
export async function startWorker(
  ctx: ServiceContext,
  boss: PgBoss,
  opts: {
    pollingSeconds?: number;
    recoverEveryMs?: number;
    log?: (m: string) => void;
    /** Delivers the outbox (emails, Slack) too; without it this worker only runs jobs. */
    mail?: { smtpUrl?: string | undefined; from: string };
  } = {},
): Promise<Worker> {
  const log = opts.log ?? ((m: string) => console.error(m));
  for (const job of JOBS) {
    await boss.work(
      job.name,
      { batchSize: 1, pollingIntervalSeconds: opts.pollingSeconds ?? 1 },
      async ([j]) => {
        if (!j) return;
        const data = job.payload.parse(j.data);
        log(`${job.name} ${JSON.stringify(data)} started`);
        const result = await job.handle(ctx, data);
        log(`${job.name} ${JSON.stringify(data)} done ${JSON.stringify(result)}`);
        return result;
      },
    );
  }
  let stopped = false;
  const recover = async () => {
    if (stopped) return;
    try {
      const ids = await recoverImports(ctx);
      for (const id of ids) log(`Import ${id} lost its worker; queued again.`);
    } catch (e) {
      log(`recovery check failed: ${(e as Error).message}`);
    }
  };
  const timer = setInterval(recover, opts.recoverEveryMs ?? 5000);
  timer.unref();
  const email = opts.mail
    ? createEmailChannel({
        smtpUrl: opts.mail.smtpUrl,
        from: opts.mail.from,
        publicUrl: ctx.settings.publicUrl,
        log,
      })
    : undefined;
  const drainer =
    email &&
    startDrainer({
      // The outbox holds every organization's messages: the drainer reads it as the owner.
      db: ctx.system.db,
      channels: { email, slack: createSlackChannel({ publicUrl: ctx.settings.publicUrl }) },
      log,
    });
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      await drainer?.stop();
      await email?.close?.();
    },
  };
}
