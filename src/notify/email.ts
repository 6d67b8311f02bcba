import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { composeMessage, describeError, type OutboxChannel, type OutboxDelivery } from './channel.ts';

/** How the email channel reaches people. */
export interface EmailChannelOptions {
  /** smtp:// or smtps:// URL; without one, emails are written to `log` instead of sent. */
  smtpUrl?: string | undefined;
  from: string;
  /** The app's address, to make links absolute. */
  publicUrl: string;
  log: (message: string) => void;
  /**
   * Limit on each SMTP phase (connect, greeting, idle socket). Kept well under the drainer's lease, so that a
   * message whose lease ends is never still being sent by a stuck worker.
   */
  timeoutMs?: number;
}

/** An email in the recipient's language. */
export interface ComposedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Writes the email of an outbox message: subject, plain text and a simple HTML part, all in its language. */
export function composeEmail(m: OutboxDelivery, to: string, publicUrl: string): ComposedEmail {
  const c = composeMessage(m, publicUrl);
  const text = [c.body, c.linkLine].filter(Boolean).join('\n\n') + '\n';
  const link = c.url ? `<p><a href="${escapeHtml(c.url)}">${escapeHtml(c.openLabel)}</a></p>` : '';
  const html =
    `<!doctype html><html lang="${c.lang}"><body>` +
    `<h1 style="font-size:18px">${escapeHtml(c.title)}</h1><p>${escapeHtml(c.body)}</p>${link}</body></html>`;
  return { to, subject: c.title, text, html };
}

/**
 * The email channel: nodemailer over SMTP when an SMTP URL is configured, else a channel that writes each
 * email to the log (a development instance then still shows what would have been sent). Every SMTP failure
 * (refused connection, timeout, rejected command) is a `failed` outcome, never an exception.
 */
export function createEmailChannel(opts: EmailChannelOptions): OutboxChannel {
  const timeout = opts.timeoutMs ?? 30_000;
  // Through SMTPTransport because createTransport(url) drops every option but the URL's own.
  const transport = opts.smtpUrl
    ? nodemailer.createTransport(
        new SMTPTransport({
          url: opts.smtpUrl,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout,
        }),
      )
    : undefined;
  return {
    async send(m) {
      if (!m.toEmail) return { status: 'undeliverable', error: 'the member has no email address' };
      const email = composeEmail(m, m.toEmail, opts.publicUrl);
      if (!transport) {
        opts.log(`email (no SMTP_URL, not sent) to ${email.to}: ${email.subject}\n${email.text}`);
        return { status: 'sent' };
      }
      try {
        await transport.sendMail({ from: opts.from, ...email });
        return { status: 'sent' };
      } catch (e) {
        return { status: 'failed', error: describeError(e) };
      }
    },
    close() {
      transport?.close();
    },
  };
}
