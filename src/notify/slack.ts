import { composeMessage, describeError, type OutboxChannel, type OutboxDelivery } from './channel.ts';

/** How the Slack channel posts to incoming webhooks. */
export interface SlackChannelOptions {
  /** The app's address, to make links absolute. */
  publicUrl: string;
  /** Limit on one POST; kept well under the drainer's lease. */
  timeoutMs?: number;
  /** Slack accepts about one message per second per webhook: the spacing kept between two posts. */
  minIntervalMs?: number;
  /** A message that would wait longer than this for its turn is handed back to the outbox instead. */
  maxWaitMs?: number;
  /** How long to wait after a 429 that says nothing (no usable Retry-After). */
  defaultRetryAfterMs?: number;
}

const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The JSON body posted to the webhook: `text` (what notifications and old clients show) and blocks. */
export function composeSlack(m: OutboxDelivery, publicUrl: string): { text: string; blocks: unknown[] } {
  const c = composeMessage(m, publicUrl);
  const title = `*${escapeMrkdwn(c.title)}*`;
  const lines = [title, escapeMrkdwn(c.body), c.startedBy ? escapeMrkdwn(c.startedBy) : null];
  if (c.url) lines.push(`<${c.url}|${escapeMrkdwn(c.openLabel)}>`);
  const text = lines.filter(Boolean).join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Keeps posts to one webhook about `minIntervalMs` apart within this process: each post takes the next free
 * slot. Times come from the drainer's clock so that a test moving the clock moves the slots too.
 */
class WebhookPacer {
  readonly #next = new Map<string, number>();
  constructor(
    private readonly intervalMs: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Takes a slot: how long to wait before posting, or when to come back if that is too long. */
  reserve(key: string, now: number): { waitMs: number } | { deferUntil: number } {
    const slot = Math.max(this.#next.get(key) ?? 0, now);
    if (slot - now > this.maxWaitMs) return { deferUntil: slot };
    this.#next.set(key, slot + this.intervalMs);
    return { waitMs: slot - now };
  }

  /** After a 429, nobody in this process posts to that webhook before `until`. */
  block(key: string, until: number): void {
    this.#next.set(key, Math.max(this.#next.get(key) ?? 0, until));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Slack channel: POSTs `{ text, blocks }` to the organization's incoming webhook with fetch. A 2xx is
 * sent; a 429 is deferred to no earlier than its Retry-After (and holds back this process's other posts to
 * that webhook); any other status, a timeout or a network error is a failure to retry with backoff.
 * Pacing is per process: several workers together may go a little over one message per second, and Slack's
 * 429 then slows them down.
 */
export function createSlackChannel(opts: SlackChannelOptions): OutboxChannel {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const pacer = new WebhookPacer(opts.minIntervalMs ?? 1000, opts.maxWaitMs ?? 1000);
  const defaultRetryAfterMs = opts.defaultRetryAfterMs ?? 30_000;
  return {
    async send(m, now) {
      if (!m.webhookUrl) return { status: 'undeliverable', error: 'the organization has no Slack webhook' };
      const turn = pacer.reserve(m.webhookUrl, now().getTime());
      if ('deferUntil' in turn)
        return {
          status: 'deferred',
          until: new Date(turn.deferUntil),
          reason: 'paced: one message per second',
        };
      if (turn.waitMs > 0) await sleep(turn.waitMs);
      let res: Response;
      try {
        res = await fetch(m.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(composeSlack(m, opts.publicUrl)),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        return { status: 'failed', error: `slack: ${describeError(e)}` };
      }
      // Read the body in every case: it frees the connection, and Slack explains its refusals there.
      const detail = (await res.text().catch(() => '')).slice(0, 200);
      if (res.ok) return { status: 'sent' };
      if (res.status === 429) {
        // Counted from the answer, not from the claim: never earlier than Slack asked.
        const answeredAt = now();
        const waitMs = parseRetryAfter(res.headers.get('retry-after'), answeredAt) ?? defaultRetryAfterMs;
        const until = answeredAt.getTime() + waitMs;
        pacer.block(m.webhookUrl, until);
        return {
          status: 'deferred',
          until: new Date(until),
          reason: `slack: 429 rate limited ${detail}`.trim(),
        };
      }
      return { status: 'failed', error: `slack: HTTP ${res.status} ${detail}`.trim() };
    },
  };
}
