import { type Lang, translate } from '../domain/messages/index.ts';
import { notificationParams, renderNotification } from '../domain/messages/notification.ts';
import type { OutboxDelivery } from '../storage/outbox.ts';

export type { OutboxDelivery } from '../storage/outbox.ts';

/**
 * What a channel says about one send. `failed` is retried with backoff and counts as an attempt; `deferred`
 * was not a delivery failure (a rate limit, ours or the peer's) and comes back at `until` without using up
 * an attempt; `undeliverable` can never succeed (no address) and is given up at once.
 */
export type SendOutcome =
  | { status: 'sent' }
  | { status: 'failed'; error: string }
  | { status: 'deferred'; until: Date; reason: string }
  | { status: 'undeliverable'; error: string };

/** A way out for outbox messages (email, Slack). `now` is the drainer's clock, for anything it schedules. */
export interface OutboxChannel {
  send(message: OutboxDelivery, now: () => Date): Promise<SendOutcome>;
  /** Releases connections, if the channel keeps any. */
  close?(): void;
}

/** The channels the drainer sends through, one per outbox `channel` value. */
export interface Channels {
  email: OutboxChannel;
  slack: OutboxChannel;
}

/** A message ready for any channel: rendered in the recipient's language, with the absolute link. */
export interface ComposedMessage {
  lang: Lang;
  title: string;
  body: string;
  url: string | null;
  /** "See the details: <url>", in the message's language. */
  linkLine: string | null;
  /** "Open the import", the label of a link or button. */
  openLabel: string;
  /** "Started by <name>.", for messages read by others than the member (a Slack channel). */
  startedBy: string | null;
}

/** Renders an outbox message in its language; `publicUrl` turns the stored path into an absolute link. */
export function composeMessage(m: OutboxDelivery, publicUrl: string): ComposedMessage {
  const params = notificationParams(m.params);
  const { title, body } = renderNotification(m.kind, params, m.language);
  const url = m.link ? `${publicUrl.replace(/\/$/, '')}${m.link}` : null;
  return {
    lang: m.language,
    title,
    body,
    url,
    linkLine: url ? translate('notification_link', m.language, { url }) : null,
    openLabel: translate('notification_open', m.language),
    startedBy: params.member
      ? translate('notification_started_by', m.language, { member: params.member })
      : null,
  };
}

/** A short, single-line description of an error for `last_error` and logs. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
    return `${typeof code === 'string' ? `${code}: ` : ''}${e.message}${cause}`.replace(/\s+/g, ' ').trim();
  }
  return String(e);
}
