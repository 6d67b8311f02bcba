import http from 'node:http';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll } from 'vitest';

/** Real network peers on loopback for the notification tests: an SMTP server and a Slack webhook stand-in. */

/** An email as the SMTP server received it, decoded enough to read. */
export interface ReceivedEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth); `refuse` makes it answer 451 to every recipient. */
export async function startSmtpServer(opts: { refuse?: boolean; delayMs?: number } = {}) {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!opts.refuse) return callback();
      const err = new Error('mailbox temporarily unavailable') as Error & { responseCode: number };
      err.responseCode = 451;
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((a) => a.address);
        received.push({ to, ...parseEmail(Buffer.concat(chunks).toString('utf8')) });
        setTimeout(() => callback(), opts.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `smtp://127.0.0.1:${port}`, received };
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** One scripted answer of the webhook stand-in. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for Slack's incoming webhooks: it records every POST and answers
 * from a script (then 200 "ok" once the script is used up).
 */
export async function startSlackReceiver() {
  const requests: { path: string; body: { text?: string; blocks?: unknown }; answered: number }[] = [];
  const script: ScriptedAnswer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = script.shift() ?? { status: 200, body: 'ok' };
      requests.push({
        path: req.url ?? '',
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        answered: answer.status,
      });
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${port}`, requests, script };
}

function decodeWords(s: string): string {
  // Adjacent encoded words are joined without the whitespace between them (RFC 2047).
  return s
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQp(data.replace(/_/g, ' ')),
    );
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    const hex = src.slice(i + 1, i + 3);
    if (src[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function splitPart(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(at + 4) };
}

function decodeBody(part: { headers: Record<string, string>; body: string }): string {
  const enc = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (enc === 'quoted-printable') return decodeQp(part.body);
  if (enc === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return part.body;
}

/** Reads the subject, the text part and the HTML part of a message as nodemailer writes it. */
export function parseEmail(raw: string): { subject: string; text: string; html: string } {
  const top = splitPart(raw);
  const subject = decodeWords(top.headers.subject ?? '');
  const boundary = /boundary="?([^";]+)"?/.exec(top.headers['content-type'] ?? '')?.[1];
  const parts = boundary
    ? top.body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => splitPart(p.replace(/^\r\n/, '')))
    : [top];
  const find = (type: string) => {
    const p = parts.find((x) => (x.headers['content-type'] ?? 'text/plain').startsWith(type));
    return p ? decodeBody(p).replace(/\r\n/g, '\n') : '';
  };
  return { subject, text: find('text/plain'), html: find('text/html') };
}
