import type { Kysely } from 'kysely';
import {
  claimDueOutbox,
  markOutboxDead,
  markOutboxSent,
  releaseOutbox,
  rescheduleOutbox,
} from '../storage/outbox.ts';
import type { DB } from '../storage/schema.ts';
import { type Channels, describeError, type OutboxDelivery, type SendOutcome } from './channel.ts';

/** One pass of the drainer. */
export interface DrainOptions {
  db: Kysely<DB>;
  channels: Channels;
  /** The clock (tests move it instead of waiting). */
  now?: () => Date;
  /** Rows claimed per pass; they are sent side by side. */
  batchSize?: number;
  /** After this many failed attempts a message is `dead`. */
  maxAttempts?: number;
  /**
   * How long a claim hides a row from other workers. It must outlast a whole pass (channel timeouts are far
   * shorter): only a worker that died mid-send lets its lease run out, and the row is then sent again.
   */
  leaseMs?: number;
  /** Jitter source, in [0, 1). */
  random?: () => number;
}

/** What a pass did. */
export interface DrainReport {
  claimed: number;
  sent: number;
  /** Failed and rescheduled with backoff. */
  retried: number;
  /** Handed back untried until a rate limit allows. */
  deferred: number;
  dead: number;
}

export const DEFAULT_BATCH_SIZE = 20;
export const DEFAULT_MAX_ATTEMPTS = 12;
export const DEFAULT_LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_CAP_MS = 10 * 60_000;

/**
 * The wait after the n-th failed attempt: 5 s, 10 s, 20 s … doubling up to 10 min, plus up to 20% jitter so
 * that messages failing together (an SMTP outage) do not all come back at the same instant.
 */
export function backoffMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(base * (1 + 0.2 * random()));
}

/**
 * Delivers due outbox messages once: claims a batch (a short statement that leases the rows, see
 * claimDueOutbox), sends each through its channel with no transaction open, then marks it `sent`, reschedules
 * it with backoff, hands it back (rate limits) or, after `maxAttempts`, marks it `dead`.
 *
 * Delivery is at least once: the lease stops two workers from sending a message at the same time, but a
 * worker that dies after the peer accepted the message and before the mark leaves it pending, and it is sent
 * again when the lease ends. Channel failures never throw out of here; database errors do (the drainer loop
 * logs them and tries again later).
 */
export async function drainOutbox(opts: DrainOptions): Promise<DrainReport> {
  const now = opts.now ?? (() => new Date());
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const random = opts.random ?? Math.random;
  const claimedAt = now();
  const rows = await claimDueOutbox(opts.db, {
    now: claimedAt,
    leaseUntil: new Date(claimedAt.getTime() + leaseMs),
    limit: batchSize,
  });
  const report: DrainReport = { claimed: rows.length, sent: 0, retried: 0, deferred: 0, dead: 0 };
  const results = await Promise.allSettled(
    rows.map(async (row) => {
      const outcome = await sendOne(opts.channels, row, now);
      const result = await settle(opts.db, row, outcome, { now, maxAttempts, random });
      report[result]++;
    }),
  );
  const broken = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (broken) throw broken.reason;
  return report;
}

async function sendOne(channels: Channels, row: OutboxDelivery, now: () => Date): Promise<SendOutcome> {
  const channel = channels[row.channel];
  if (!channel) return { status: 'undeliverable', error: `no channel ${row.channel}` };
  try {
    return await channel.send(row, now);
  } catch (e) {
    // A channel is meant to return its failures; one that throws still must not stop the others.
    return { status: 'failed', error: describeError(e) };
  }
}

async function settle(
  db: Kysely<DB>,
  row: OutboxDelivery,
  outcome: SendOutcome,
  o: { now: () => Date; maxAttempts: number; random: () => number },
): Promise<Exclude<keyof DrainReport, 'claimed'>> {
  switch (outcome.status) {
    case 'sent':
      await markOutboxSent(db, row.organizationId, row.id, o.now());
      return 'sent';
    case 'deferred':
      await releaseOutbox(db, row, outcome.until, outcome.reason);
      return 'deferred';
    case 'undeliverable':
      await markOutboxDead(db, row, outcome.error);
      return 'dead';
    case 'failed':
      if (row.attempts >= o.maxAttempts) {
        await markOutboxDead(db, row, outcome.error);
        return 'dead';
      }
      await rescheduleOutbox(
        db,
        row,
        new Date(o.now().getTime() + backoffMs(row.attempts, o.random)),
        outcome.error,
      );
      return 'retried';
  }
}
