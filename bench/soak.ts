/**
 * Soak test: the real server (`clientele start`) and extra workers (`clientele worker`) on their own embedded
 * PostgreSQL, several organizations signed up through the API, many CSV imports applied at once by the workers
 * while API clients read and write in every organization; then it checks that every import was applied, that
 * each organization holds exactly the records its files and API writes account for, and that no row of one
 * organization references another's. Prints PASS/FAIL lines and figures; exits non-zero on any failure.
 *
 * Run: npm run soak [-- --imports 20 --orgs 4 --lines 10000 --clients 8 --workers 2]
 * (`--lines`: data lines per file; `--workers`: worker processes in all, the server's included.)
 * A dedicated cluster runs under bench/out/soak-pg on port 54369 (recreated at each run, stopped at the end and
 * kept for inspection); files go to bench/out/soak-files, process logs to bench/out/soak-logs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureEmbeddedPostgres, stopEmbeddedPostgres } from '../src/storage/embedded-postgres.ts';
import { type ChangeBatchRow, changesOfBatch, type StoredChange } from '../src/storage/imports.ts';
import {
  contactIndex,
  customerName,
  externalId,
  generateFiles,
  type ImportFile,
  type OrgExpectation,
  PLAN_NAMES,
} from './soak-data.ts';
import { checkIsolation } from './soak-isolation.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const out = path.join(here, 'out');
const dataDir = path.join(out, 'soak-pg');
const filesDir = path.join(out, 'soak-files');
const logsDir = path.join(out, 'soak-logs');
const PG_PORT = 54369;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  const v = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name}: a whole number, got ${process.argv[i + 1]}`);
  return v;
};
const OPTS = {
  imports: arg('--imports', 20),
  orgs: Math.max(1, arg('--orgs', 4)),
  lines: Math.max(10, arg('--lines', 10000)),
  clients: arg('--clients', 8),
  workers: Math.max(1, arg('--workers', 2)),
  thinkMs: arg('--think-ms', 10),
  timeoutMinutes: arg('--timeout-minutes', 20),
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// Results

let failures = 0;
function report(ok: boolean, name: string, detail = ''): void {
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

/** Latencies and unexpected answers of a family of requests. */
class Stats {
  readonly latencies: number[] = [];
  errors = 0;
  readonly samples: string[] = [];
  record(ms: number, error?: string): void {
    this.latencies.push(ms);
    if (error === undefined) return;
    this.errors++;
    if (this.samples.length < 12) this.samples.push(error);
  }
  percentile(p: number): number {
    if (this.latencies.length === 0) return 0;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as the API documents them
  body: any;
  headers: Headers | undefined;
}

interface Caller {
  key?: string;
  cookie?: string;
  csrf?: string;
}

let baseUrl = '';

async function http(
  stats: Stats,
  expected: number[],
  method: string,
  url: string,
  who: Caller,
  payload?: unknown,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (who.key) headers.authorization = `Bearer ${who.key}`;
  if (who.cookie) headers.cookie = who.cookie;
  if (who.csrf) headers['x-csrf-token'] = who.csrf;
  let body: string | FormData | undefined;
  if (payload instanceof FormData) body = payload;
  else if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(payload);
  }
  const started = performance.now();
  let reply: Reply;
  try {
    const res = await fetch(`${baseUrl}/api/v1${url}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(300_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: kept as text
    }
    reply = { status: res.status, body: parsed, headers: res.headers };
  } catch (e) {
    reply = { status: 0, body: { code: 'network_error', detail: (e as Error).message }, headers: undefined };
  }
  const ms = performance.now() - started;
  const ok = expected.includes(reply.status);
  stats.record(
    ms,
    ok
      ? undefined
      : `${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')} → ${reply.status} ${reply.body?.code ?? ''} ${
          reply.body?.detail ?? (typeof reply.body === 'string' ? reply.body.slice(0, 200) : '')
        }`.trim(),
  );
  return reply;
}

/** Whether a failed write may still have happened (network error, server error): its effect is unknown. */
const uncertain = (r: Reply) => r.status === 0 || r.status >= 500;

// ---------------------------------------------------------------------------------------------------------------
// Processes and the cluster

interface Proc {
  name: string;
  child: ChildProcess;
  stdout: string;
  stderrTail: string[];
  exit: Promise<number | null>;
  exited: boolean;
  stopping: boolean;
  maxRss?: number;
  logFile: string;
}

const procs: Proc[] = [];

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(PG_PORT),
    LOG_LEVEL: 'warn',
    MAX_UPLOAD_BYTES: String(1024 ** 3),
  };
  // The soak always runs on its own cluster.
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.PORT;
  return env;
}

function startProcess(name: string, args: string[]): Proc {
  const logFile = path.join(logsDir, `${name}.log`);
  const log = fs.createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    ['--import', path.join(here, 'rss.mjs'), path.join(root, 'bin', 'clientele.js'), ...args],
    { cwd: root, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const p: Proc = {
    name,
    child,
    stdout: '',
    stderrTail: [],
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null)))),
    exited: false,
    stopping: false,
    logFile,
  };
  p.exit.then(() => {
    p.exited = true;
    log.end();
  });
  child.stdout?.on('data', (d: Buffer) => {
    log.write(d);
    if (p.stdout.length < 100_000) p.stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    log.write(d);
    const text = d.toString();
    const rss = /BENCH_MAXRSS (\d+)/.exec(text);
    if (rss) p.maxRss = Number(rss[1]);
    p.stderrTail.push(...text.split('\n').filter((l) => l.trim() && !l.startsWith('BENCH_MAXRSS')));
    p.stderrTail.splice(0, Math.max(0, p.stderrTail.length - 20));
  });
  procs.push(p);
  return p;
}

async function waitForOutput(p: Proc, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!p.stdout.includes(text)) {
    if (p.exited)
      throw new Error(`${p.name} exited before it was ready; see ${p.logFile}\n${p.stderrTail.join('\n')}`);
    if (Date.now() > deadline)
      throw new Error(`${p.name} was not ready after ${timeoutMs / 1000} s; see ${p.logFile}`);
    await sleep(100);
  }
}

/** A one-shot CLI command on the soak's cluster; resolves with its output, rejects on a non-zero exit. */
async function cli(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'clientele.js'), ...args], {
    cwd: root,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (d) => {
    text += d;
  });
  child.stderr.on('data', (d) => {
    text += d;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`clientele ${args.join(' ')} exited with ${code}: ${text.trim()}`);
  return text.trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A fresh cluster for this run: the previous one (kept for inspection) is stopped and removed. */
async function freshCluster(): Promise<string> {
  await stopEmbeddedPostgres({ dataDir, port: PG_PORT }).catch(() => false);
  const statePath = path.join(dataDir, 'postgres.json');
  if (fs.existsSync(statePath)) {
    // The cluster may live outside the data folder (see src/storage/embedded-postgres.ts).
    const { clusterDir } = JSON.parse(fs.readFileSync(statePath, 'utf8')) as { clusterDir: string };
    fs.rmSync(clusterDir, { recursive: true, force: true });
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  return ensureEmbeddedPostgres({ dataDir, port: PG_PORT, log: () => {} });
}

let cleaning: Promise<void> | undefined;
/** Stops every process this script started (gracefully, then for good) and the cluster. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const p of procs) {
      if (p.exited) continue;
      p.stopping = true;
      p.child.kill('SIGTERM');
    }
    const all = Promise.all(procs.map((p) => p.exit));
    await Promise.race([all, sleep(45_000)]);
    for (const p of procs) if (!p.exited) p.child.kill('SIGKILL');
    await Promise.race([all, sleep(5_000)]);
    await stopEmbeddedPostgres({ dataDir, port: PG_PORT }).catch((e: Error) =>
      console.error(`Could not stop the soak cluster: ${e.message}`),
    );
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the soak's processes and cluster…`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Organizations

interface Org {
  index: number;
  id: string;
  slug: string;
  adminEmail: string;
  guestEmail: string | null;
  key: string;
  adminMemberId: string;
  planIds: string[];
}

const setupStats = new Stats();
const adminEmail = (o: number) => `admin.${o}@soak-${o}.test`;

async function must(r: Promise<Reply>, what: string): Promise<Reply> {
  const reply = await r;
  if (reply.status < 200 || reply.status >= 300)
    throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

async function signUp(o: number): Promise<Org> {
  let reply: Reply | undefined;
  for (let attempt = 0; attempt < 10; attempt++) {
    reply = await http(
      setupStats,
      [201, 429],
      'POST',
      '/auth/sign-up',
      {},
      {
        organizationName: `Soak ${o} — Société d’Affacturage Île-de-France`,
        slug: `soak-${o}`,
        name: `Admin ${o} Hélène`,
        email: adminEmail(o),
        password: 'correct horse battery staple',
        language: o % 2 ? 'fr' : 'en',
        country: 'FR',
      },
    );
    // Sign-up is rate-limited (10 a minute from one address).
    if (reply.status !== 429) break;
    await sleep(10_000);
  }
  if (reply?.status !== 201) throw new Error(`sign-up ${o}: ${reply?.status} ${JSON.stringify(reply?.body)}`);
  const cookie = (reply.headers?.getSetCookie() ?? [])
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('clientele_session='));
  if (!cookie) throw new Error('sign-up: no session cookie');
  const session: Caller = { cookie, csrf: reply.body.csrfToken };
  const key = await must(
    http(setupStats, [201], 'POST', '/api-keys', session, { name: 'soak' }),
    `API key of org ${o}`,
  );
  const me = await must(http(setupStats, [200], 'GET', '/members/me', session), 'me');
  return {
    index: o,
    id: reply.body.organizationId,
    slug: reply.body.slug,
    adminEmail: adminEmail(o),
    guestEmail: null,
    key: key.body.key,
    adminMemberId: me.body.id,
    planIds: [],
  };
}

async function setUpOrganizations(): Promise<Org[]> {
  const orgs: Org[] = [];
  for (let o = 0; o < OPTS.orgs; o++) orgs.push(await signUp(o));
  // The contact import is a feature an operator turns on (new organizations may already have it).
  const outputs = await Promise.all(
    orgs.map((org) => cli(['feature', 'enable', org.slug, 'contact-import'])),
  );
  for (const org of orgs) {
    const settings = await must(
      http(setupStats, [200], 'GET', '/organization', { key: org.key }),
      'organization',
    );
    report(
      (settings.body.features as string[]).includes('contact-import'),
      `org ${org.index} (${org.slug}): contact-import enabled`,
      outputs[org.index]!,
    );
    for (const [n, name] of PLAN_NAMES.entries()) {
      const plan = await must(
        http(
          setupStats,
          [201],
          'POST',
          '/dunning-plans',
          { key: org.key },
          {
            name,
            steps: [
              { daysFromDue: -5 + n, positions: ['accounting'], includeMainContact: true },
              { daysFromDue: 15, positions: ['finance', 'buyer'], includeMainContact: n === 0 },
            ],
          },
        ),
        `plan ${name}`,
      );
      org.planIds.push(plan.body.id);
    }
  }
  // Each organization's admin is also a member of the previous organization: account managers in its files.
  if (orgs.length > 1) {
    for (const org of orgs) {
      const guest = orgs[(org.index + 1) % orgs.length]!;
      const inv = await must(
        http(
          setupStats,
          [201],
          'POST',
          '/invitations',
          { key: org.key },
          { email: guest.adminEmail, role: 'member' },
        ),
        'invitation',
      );
      const token = String(inv.body.acceptUrl).split('/').pop();
      await must(http(setupStats, [200], 'POST', '/invitations/accept', {}, { token }), 'accept invitation');
      org.guestEmail = guest.adminEmail;
    }
  }
  return orgs;
}

// ---------------------------------------------------------------------------------------------------------------
// Imports

const importStats = new Stats();
const TERMINAL = ['success', 'error', 'failed', 'reverted'];

interface ImportRun {
  file: ImportFile;
  id?: string;
  mappingSet: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: the API's import detail
  detail?: any;
  problem?: string;
  uploadedMs?: number;
  doneMs?: number;
}

async function runImport(
  run: ImportRun,
  org: Org,
  started: number,
  deadline: number,
  stop: { now: boolean },
): Promise<void> {
  const f = run.file;
  const who = { key: org.key };
  const form = new FormData();
  form.append('kind', f.kind);
  form.append('mode', f.mode);
  form.append('file', await fs.openAsBlob(f.path), f.fileName);
  const up = await http(importStats, [201], 'POST', '/imports', who, form);
  if (up.status !== 201) {
    run.problem = `upload refused: ${up.status} ${up.body?.code} ${up.body?.detail ?? ''}`;
    return;
  }
  run.id = up.body.id as string;
  let detail = up.body;
  if (f.fields.some((field, c) => detail.mapping[c] !== field)) {
    const put = await http(importStats, [200], 'PUT', `/imports/${run.id}/mapping`, who, {
      mapping: f.fields.map((field, column) => ({ column, field })),
    });
    if (put.status !== 200) {
      run.problem = `mapping refused: ${put.status} ${put.body?.code} ${put.body?.detail ?? ''}`;
      return;
    }
    detail = put.body;
    run.mappingSet = true;
  }
  run.uploadedMs = performance.now() - started;
  if (detail.problems.length > 0) {
    run.problem = `mapping problems: ${detail.problems.map((p: { message: string }) => p.message).join('; ')}`;
    return;
  }
  if (detail.delimiter !== f.delimiter) {
    run.problem = `delimiter detected as ${JSON.stringify(detail.delimiter)}, the file uses ${JSON.stringify(f.delimiter)}`;
  }
  const apply = await http(importStats, [202], 'POST', `/imports/${run.id}/apply`, who);
  if (apply.status !== 202) {
    run.problem = `apply refused: ${apply.status} ${apply.body?.code} ${apply.body?.detail ?? ''}`;
    return;
  }
  for (;;) {
    await sleep(500);
    const r = await http(importStats, [200], 'GET', `/imports/${run.id}`, who);
    if (r.status === 200) run.detail = r.body;
    if (run.detail && TERMINAL.includes(run.detail.status)) break;
    if (stop.now) {
      run.problem = `given up while ${run.detail?.status ?? 'unknown'}: a process of the soak exited`;
      return;
    }
    if (Date.now() > deadline) {
      run.problem = `still ${run.detail?.status ?? 'unknown'} (stage ${run.detail?.stage}, ${run.detail?.progress?.linesDone} lines done) after ${OPTS.timeoutMinutes} min`;
      return;
    }
  }
  run.doneMs = performance.now() - started;
}

// ---------------------------------------------------------------------------------------------------------------
// API clients

const readStats = new Stats();
const writeStats = new Stats();

/** What the API clients did in one organization, to know what must be there at the end. */
interface Ledger {
  /** Imported customers seen through the API: j → id, and their ids in the order they were seen. */
  imported: Map<number, string>;
  importedIds: string[];
  /** Per client: the imported customers it alone writes to (j modulo the number of clients). */
  importedOf: { j: number; id: string }[][];
  customersAlive: Set<string>;
  customersDeleted: Set<string>;
  contactsAlive: Set<string>;
  contactsDeleted: Set<string>;
  /** Imported customer id → the last addressLine2 a client set (imports never set it). */
  addressLine2: Map<string, string>;
  addressUnknown: Set<string>;
  /** Writes whose outcome is unknown (network or server error), settled from the database before the checks. */
  uncertain: Unknown[];
  leaks: string[];
  probes: number;
}

type Unknown =
  | { op: 'create customer'; name: string }
  | { op: 'create contact'; email: string }
  | { op: 'delete customer'; id: string; contacts: string[] }
  | { op: 'delete contact'; id: string };

interface OwnCustomer {
  id: string;
  contacts: string[];
}

const API_NAME = /^Client API o(\d+)-/;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function learn(
  ledger: Ledger,
  org: number,
  items: { id: string; name: string; externalId: string | null }[],
) {
  for (const c of items) {
    const m = /^CLI-(\d{6})$/.exec(c.externalId ?? '');
    if (m && !ledger.imported.has(Number(m[1]))) {
      const j = Number(m[1]);
      ledger.imported.set(j, c.id);
      ledger.importedIds.push(c.id);
      ledger.importedOf[j % ledger.importedOf.length]!.push({ j, id: c.id });
    }
    const api = API_NAME.exec(c.name);
    if (api && Number(api[1]) !== org) ledger.leaks.push(`org ${org} lists "${c.name}"`);
  }
}

async function clientLoop(
  w: number,
  orgs: Org[],
  ledgers: Ledger[],
  stop: { now: boolean },
): Promise<number> {
  const rnd = mulberry32(7919 * (w + 1));
  const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  const own: OwnCustomer[][] = orgs.map(() => []);
  const onImported: { customerId: string; contactId: string }[][] = orgs.map(() => []);
  let n = 0;
  let ops = 0;
  for (let iter = 0; !stop.now; iter++) {
    const o = (w + iter) % orgs.length;
    const org = orgs[o]!;
    const ledger = ledgers[o]!;
    const who = { key: org.key };
    const get = (url: string, expected = [200]) => http(readStats, expected, 'GET', url, who);
    const write = (method: string, url: string, body?: unknown, expected = [200]) =>
      http(writeStats, expected, method, url, who, body);
    const mine = own[o]!;
    const r = rnd();
    ops++;
    if (r < 0.2) {
      const sort = pick(['name', 'createdAt', 'updatedAt'])!;
      let url = `/customers?limit=50&sort=${sort}&order=${pick(['asc', 'desc'])}`;
      for (let page = 0; page < 2; page++) {
        const res = await get(url);
        if (res.status !== 200) break;
        learn(ledger, o, res.body.items);
        if (!res.body.nextCursor) break;
        url = `/customers?limit=50&sort=${sort}&cursor=${res.body.nextCursor}`;
      }
    } else if (r < 0.33) {
      const j = Math.floor(rnd() * OPTS.lines * 2);
      const q = pick([
        externalId(j).slice(0, 8),
        customerName(j).split(' n°')[0]!.split(' ').slice(-2).join(' '),
        pick(['elodie.', 'francois.', 'zoe.', 'jerome.', 'helene.'])!,
        `n°${j}`,
      ])!;
      const res = await get(`/customers?q=${encodeURIComponent(q)}&limit=20`);
      if (res.status === 200) learn(ledger, o, res.body.items);
    } else if (r < 0.43) {
      const target = rnd() < 0.5 ? pick(mine)?.id : pick(ledger.importedIds);
      if (!target) continue;
      await get(`/customers/${target}`);
      await get(`/customers/${target}/contacts`);
    } else if (r < 0.53 || mine.length === 0) {
      n++;
      const name = `Client API o${o}-w${w}-${n} Établissements Noël`;
      const res = await write(
        'POST',
        '/customers',
        {
          name,
          ...(n % 2 ? { externalId: `API-O${o}-W${w}-${n}` } : {}),
          city: 'Besançon',
          phone: '04 78 12 34 56',
          country: 'FR',
          accountManagerId: org.adminMemberId,
          dunningPlanId: org.planIds[n % org.planIds.length],
        },
        [201],
      );
      if (res.status === 201) {
        ledger.customersAlive.add(res.body.id);
        const customer: OwnCustomer = { id: res.body.id, contacts: [] };
        mine.push(customer);
        const count = 1 + (n % 3);
        for (let k = 0; k < count; k++) {
          const c = await write(
            'POST',
            `/customers/${customer.id}/contacts`,
            {
              email: `api.o${o}.w${w}.${n}.${k}@api-soak.test`,
              firstName: 'Gaëlle',
              lastName: 'Lefèvre',
              isMain: k === 0,
              positions: ['accounting'],
            },
            [201],
          );
          if (c.status === 201) {
            ledger.contactsAlive.add(c.body.id);
            customer.contacts.push(c.body.id);
          } else if (uncertain(c))
            ledger.uncertain.push({ op: 'create contact', email: `api.o${o}.w${w}.${n}.${k}@api-soak.test` });
        }
      } else if (uncertain(res)) ledger.uncertain.push({ op: 'create customer', name });
    } else if (r < 0.61) {
      const c = pick(mine)!;
      await write('PATCH', `/customers/${c.id}`, {
        city: pick(['Lyon', 'Sète', 'Orléans']),
        phone: '01 42 00 00 00',
      });
      const contact = pick(c.contacts);
      if (contact) {
        await write('PATCH', `/customers/${c.id}/contacts/${contact}`, {
          firstName: 'Zoé',
          positions: ['finance'],
        });
        if (rnd() < 0.3) await write('POST', `/customers/${c.id}/contacts/${contact}/main`);
      }
    } else if (r < 0.66) {
      const c = pick(mine.filter((x) => x.contacts.length > 0));
      const contact = c?.contacts.pop();
      if (!c || !contact) continue;
      const res = await write('DELETE', `/customers/${c.id}/contacts/${contact}`, undefined, [204]);
      if (res.status === 204) {
        ledger.contactsAlive.delete(contact);
        ledger.contactsDeleted.add(contact);
      } else if (uncertain(res)) ledger.uncertain.push({ op: 'delete contact', id: contact });
    } else if (r < 0.69) {
      const i = Math.floor(rnd() * mine.length);
      const c = mine[i]!;
      mine.splice(i, 1);
      const res = await write('DELETE', `/customers/${c.id}`, undefined, [204]);
      if (res.status === 204) {
        ledger.customersAlive.delete(c.id);
        ledger.customersDeleted.add(c.id);
        for (const k of c.contacts) {
          ledger.contactsAlive.delete(k);
          ledger.contactsDeleted.add(k);
        }
      } else if (uncertain(res))
        ledger.uncertain.push({ op: 'delete customer', id: c.id, contacts: c.contacts });
    } else if (r < 0.81) {
      // A round of edits of imported customers, maybe while an import updates them: imports never set
      // addressLine2, so each must keep the last value set here.
      for (let k = 0; k < 5; k++) {
        const target = pick(ledger.importedOf[w]!);
        if (!target) break;
        const value = `Bâtiment ${w}-${++n}`;
        const res = await write('PATCH', `/customers/${target.id}`, { addressLine2: value });
        if (res.status === 200) ledger.addressLine2.set(target.id, value);
        else if (uncertain(res)) ledger.addressUnknown.add(target.id);
      }
    } else if (r < 0.88) {
      const target = pick(ledger.importedOf[w]!);
      if (!target) continue;
      const email = `api.o${o}.w${w}.${++n}@api-soak.test`;
      const res = await write(
        'POST',
        `/customers/${target.id}/contacts`,
        {
          email,
          firstName: 'Noël',
          lastName: 'Béranger',
          // Now and then the main contact of an imported customer changes by hand.
          isMain: rnd() < 0.2,
          positions: ['sales'],
        },
        [201],
      );
      if (res.status === 201) {
        ledger.contactsAlive.add(res.body.id);
        onImported[o]!.push({ customerId: target.id, contactId: res.body.id });
      } else if (uncertain(res)) ledger.uncertain.push({ op: 'create contact', email });
    } else if (r < 0.91) {
      const list = onImported[o]!;
      const x = list.splice(Math.floor(rnd() * list.length), 1)[0];
      if (!x) continue;
      const res = await write(
        'DELETE',
        `/customers/${x.customerId}/contacts/${x.contactId}`,
        undefined,
        [204],
      );
      if (res.status === 204) {
        ledger.contactsAlive.delete(x.contactId);
        ledger.contactsDeleted.add(x.contactId);
      } else if (uncertain(res)) ledger.uncertain.push({ op: 'delete contact', id: x.contactId });
    } else if (r < 0.95 && orgs.length > 1) {
      // Another organization's records must be out of reach: 404 (or 400 for an id given as a reference).
      const other = ledgers[(o + 1 + Math.floor(rnd() * (orgs.length - 1))) % orgs.length]!;
      const otherOrg = orgs[ledgers.indexOf(other)]!;
      const foreign = pick(other.importedIds);
      ledger.probes++;
      if (foreign) {
        const g = await get(`/customers/${foreign}`, [404]);
        if (g.status === 200) ledger.leaks.push(`org ${o} read customer ${foreign} of org ${otherOrg.index}`);
        const c = await write(
          'POST',
          `/customers/${foreign}/contacts`,
          { email: `intrus.${w}@api-soak.test` },
          [404],
        );
        if (c.status === 201)
          ledger.leaks.push(`org ${o} added a contact to customer ${foreign} of org ${otherOrg.index}`);
        const p = await write('PATCH', `/customers/${foreign}`, { city: 'Intrus' }, [404]);
        if (p.status === 200)
          ledger.leaks.push(`org ${o} changed customer ${foreign} of org ${otherOrg.index}`);
      }
      const c = pick(mine);
      if (c) {
        const p = await write('PATCH', `/customers/${c.id}`, { dunningPlanId: otherOrg.planIds[0] }, [400]);
        if (p.status === 200)
          ledger.leaks.push(`org ${o} gave its customer the dunning plan of org ${otherOrg.index}`);
        const m = await write(
          'PATCH',
          `/customers/${c.id}`,
          { accountManagerId: otherOrg.adminMemberId },
          [400],
        );
        if (m.status === 200)
          ledger.leaks.push(`org ${o} gave its customer a member of org ${otherOrg.index}`);
      }
    } else {
      const url = pick(['/imports?limit=20', '/quality', '/notifications', '/members', '/dunning-plans'])!;
      await get(url);
    }
    if (OPTS.thinkMs) await sleep(OPTS.thinkMs);
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  error: number;
  blank: number;
}

/** An import's change log, decoded from its stored batches as the application decodes them. */
async function changeLogOf(db: pg.Client, organizationId: string, importId: string): Promise<StoredChange[]> {
  const { rows } = await db.query<ChangeBatchRow>(
    `select first_seq, changes, packed from import_change_batches
      where organization_id = $1 and import_id = $2 order by first_seq`,
    [organizationId, importId],
  );
  return (await Promise.all(rows.map(changesOfBatch))).flat();
}

async function checkImports(db: pg.Client, runs: ImportRun[]): Promise<void> {
  console.log('\nImports');
  for (const run of runs) {
    const f = run.file;
    const label = `import o${f.org}#${f.index} ${f.kind} (${f.fileName})`;
    const d = run.detail;
    if (!run.id || !d || run.problem) {
      const refusal = d?.refusal ? `; refusal ${d.refusal.code}: ${d.refusal.message}` : '';
      report(false, label, `${run.problem ?? 'no result'}${refusal}`);
      if (!d || !TERMINAL.includes(d.status)) continue;
    }
    const problems: string[] = [];
    const expectedStatus = f.errorLines > 0 ? 'error' : 'success';
    if (d.status !== expectedStatus) {
      problems.push(
        `status ${d.status}, expected ${expectedStatus}${d.refusal ? ` (${d.refusal.code}: ${d.refusal.message})` : ''}`,
      );
    }
    const l = (d.lines ?? {}) as Partial<ImportCounts>;
    const sum = (l.created ?? 0) + (l.updated ?? 0) + (l.unchanged ?? 0) + (l.error ?? 0);
    if (sum !== f.dataLines)
      problems.push(`lines created+updated+unchanged+error = ${sum}, the file has ${f.dataLines}`);
    if (l.blank !== f.blankLines)
      problems.push(`${l.blank} blank lines counted, the file has ${f.blankLines}`);
    if (l.error !== f.errorLines)
      problems.push(`${l.error} lines in error, the file has ${f.errorLines} invalid`);
    // Updated: records the import changed but did not create (the import's own count works the same way).
    const log = run.id ? await changeLogOf(db, orgIdOf(run), run.id) : [];
    const createdIds = new Set(log.filter((c) => c.action === 'created').map((c) => c.record_id));
    const rows = (['customer', 'contact'] as const).map((entity) => ({
      entity,
      created: log.filter((c) => c.entity === entity && c.action === 'created').length,
      updated: new Set(
        log
          .filter((c) => c.entity === entity && c.action === 'updated' && !createdIds.has(c.record_id))
          .map((c) => c.record_id),
      ).size,
    }));
    for (const entity of ['customer', 'contact'] as const) {
      const logged = rows.find((x) => x.entity === entity) ?? { created: 0, updated: 0 };
      const reported = d.records?.[`${entity}s`] ?? { created: 0, updated: 0 };
      if (logged.created !== reported.created || logged.updated !== reported.updated) {
        problems.push(
          `${entity}s reported ${reported.created} created / ${reported.updated} updated, change log has ${logged.created} / ${logged.updated}`,
        );
      }
    }
    const errs = await db.query<{ n: number }>(
      'select count(distinct line)::int as n from import_line_errors where organization_id = $1 and import_id = $2',
      [orgIdOf(run), run.id],
    );
    if (errs.rows[0]!.n !== (l.error ?? 0))
      problems.push(`${errs.rows[0]!.n} lines in the error table, ${l.error} reported`);
    if (!run.problem) {
      report(
        problems.length === 0,
        label,
        problems.length
          ? problems.join('; ')
          : `${d.status}: ${l.created} created, ${l.updated} updated, ${l.unchanged} unchanged, ${l.error} refused, ${l.blank} blank` +
              (run.mappingSet ? ' (mapping set through the API)' : ''),
      );
    } else if (problems.length) console.log(`     also: ${problems.join('; ')}`);
  }
}

const orgIds = new Map<ImportRun, string>();
const orgIdOf = (run: ImportRun) => orgIds.get(run)!;

async function checkOrganization(
  db: pg.Client,
  org: Org,
  exp: OrgExpectation,
  ledger: Ledger,
  runs: ImportRun[],
): Promise<void> {
  console.log(`\nOrganization ${org.index} (${org.slug})`);
  const label = (s: string) => `org ${org.index}: ${s}`;
  const mine = runs.filter((r) => r.file.org === org.index);
  const sumRecords = (entity: 'customers' | 'contacts') =>
    mine.reduce((s, r) => s + (r.detail?.records?.[entity]?.created ?? 0), 0);
  const note = ledger.uncertain.length
    ? ` (${ledger.uncertain.length} API writes answered with a network or server error, outcome read back)`
    : '';
  await settleUnknown(db, org, ledger);

  const customers = (
    await db.query<{
      id: string;
      name: string;
      external_id: string | null;
      source: string;
      address_line2: string | null;
    }>('select id, name, external_id, source, address_line2 from customers where organization_id = $1', [
      org.id,
    ])
  ).rows;
  const contacts = (
    await db.query<{ id: string; email: string; customer_id: string }>(
      'select id, email, customer_id from contacts where organization_id = $1',
      [org.id],
    )
  ).rows;
  const expectedCustomers = exp.customers.size + ledger.customersAlive.size;
  const expectedContacts = exp.contacts.size + ledger.contactsAlive.size;
  report(
    customers.length === expectedCustomers,
    label(`${customers.length} customers`),
    `expected ${exp.customers.size} from the files + ${ledger.customersAlive.size} created and kept through the API = ${expectedCustomers}${note}`,
  );
  report(
    contacts.length === expectedContacts,
    label(`${contacts.length} contacts`),
    `expected ${exp.contacts.size} from the files + ${ledger.contactsAlive.size} created and kept through the API = ${expectedContacts}${note}`,
  );
  report(
    sumRecords('customers') === exp.customers.size && sumRecords('contacts') === exp.contacts.size,
    label('records created, as the imports report them'),
    `customers ${sumRecords('customers')} (files name ${exp.customers.size}), contacts ${sumRecords('contacts')} (files name ${exp.contacts.size})`,
  );

  // Exactly the generated customers, each once, with its external ID when a line gave it.
  const byName = new Map<string, number>();
  for (const j of exp.customers) byName.set(customerName(j), j);
  const seen = new Map<number, string>();
  const customerProblems: string[] = [];
  const idOfJ = new Map<number, string>();
  for (const c of customers) {
    const j = byName.get(c.name);
    if (j !== undefined) {
      if (seen.has(j)) customerProblems.push(`"${c.name}" twice`);
      seen.set(j, c.id);
      idOfJ.set(j, c.id);
      const ext = exp.withExternalId.has(j) ? externalId(j) : null;
      if (c.external_id !== ext)
        customerProblems.push(`"${c.name}" has external ID ${c.external_id}, expected ${ext}`);
      if (c.source !== 'import') customerProblems.push(`"${c.name}" has source ${c.source}`);
    } else if (!ledger.customersAlive.has(c.id)) {
      customerProblems.push(`unexpected customer "${c.name}" (${c.source}, ${c.id})`);
    }
  }
  for (const j of exp.customers) if (!seen.has(j)) customerProblems.push(`missing "${customerName(j)}"`);
  const ids = new Set(customers.map((c) => c.id));
  for (const id of ledger.customersAlive)
    if (!ids.has(id)) customerProblems.push(`API customer ${id} missing`);
  for (const id of ledger.customersDeleted)
    if (ids.has(id)) customerProblems.push(`deleted API customer ${id} still there`);
  report(
    customerProblems.length === 0,
    label('every customer exactly once'),
    customerProblems.length
      ? `${customerProblems.length} problems: ${customerProblems.slice(0, 5).join('; ')}`
      : 'names, external IDs and sources as the files and API writes say',
  );

  const contactProblems: string[] = [];
  const seenContacts = new Set<number>();
  const contactIds = new Set<string>();
  for (const c of contacts) {
    contactIds.add(c.id);
    const i = contactIndex(c.email);
    if (i !== undefined) {
      if (seenContacts.has(i)) contactProblems.push(`${c.email} twice`);
      seenContacts.add(i);
      if (!exp.contacts.has(i)) contactProblems.push(`unexpected ${c.email}`);
      else if (idOfJ.get(Math.floor(i / 3)) !== c.customer_id)
        contactProblems.push(`${c.email} under the wrong customer`);
    } else if (!ledger.contactsAlive.has(c.id))
      contactProblems.push(`unexpected contact ${c.email} (${c.id})`);
  }
  for (const i of exp.contacts) if (!seenContacts.has(i)) contactProblems.push(`missing contact ${i}`);
  for (const id of ledger.contactsAlive)
    if (!contactIds.has(id)) contactProblems.push(`API contact ${id} missing`);
  for (const id of ledger.contactsDeleted)
    if (contactIds.has(id)) contactProblems.push(`deleted API contact ${id} still there`);
  report(
    contactProblems.length === 0,
    label('every contact exactly once, under its customer'),
    contactProblems.length
      ? `${contactProblems.length} problems: ${contactProblems.slice(0, 5).join('; ')}`
      : '',
  );

  // Edits made through the API to imported customers while imports ran must all be there.
  const byId = new Map(customers.map((c) => [c.id, c]));
  const lost: string[] = [];
  let checked = 0;
  for (const [id, value] of ledger.addressLine2) {
    if (ledger.addressUnknown.has(id)) continue;
    checked++;
    const now = byId.get(id)?.address_line2 ?? null;
    if (now !== value) lost.push(`${id}: "${value}" set through the API, "${now}" stored`);
  }
  if (lost.length) {
    const sample = lost.slice(0, 3).map((l) => l.split(':')[0]!);
    const imports = await db.query<{ id: string }>('select id from imports where organization_id = $1', [
      org.id,
    ]);
    const touched: (StoredChange & { import_id: string })[] = [];
    for (const { id } of imports.rows) {
      for (const c of await changeLogOf(db, org.id, id)) {
        if (sample.includes(c.record_id) && c.entity === 'customer' && c.action === 'updated')
          touched.push({ ...c, import_id: id });
      }
    }
    for (const t of touched.slice(0, 5))
      console.log(
        `     ${t.record_id} was updated by import ${t.import_id} line ${t.line}: ${JSON.stringify(t.after)}`,
      );
  }
  report(
    lost.length === 0,
    label('API edits of imported customers kept'),
    lost.length
      ? `${lost.length} of ${checked} lost: ${lost.slice(0, 3).join('; ')}`
      : `${checked} customers checked`,
  );

  // The API's own view: the list pages add up to the same counts; nothing of another organization shows.
  const listStart = performance.now();
  let pages = 0;
  let listed = 0;
  let contactCount = 0;
  const foreign: string[] = [];
  let cursor: string | null = null;
  do {
    const res: Reply = await http(
      readStats,
      [200],
      'GET',
      `/customers?limit=500&sort=createdAt${cursor ? `&cursor=${cursor}` : ''}`,
      { key: org.key },
    );
    if (res.status !== 200) break;
    pages++;
    for (const c of res.body.items as {
      name: string;
      contactCount: number;
      mainContactEmail: string | null;
    }[]) {
      listed++;
      contactCount += c.contactCount;
      const api = API_NAME.exec(c.name) ?? /^api\.o(\d+)\./.exec(c.mainContactEmail ?? '');
      if (api && Number(api[1]) !== org.index) foreign.push(c.name);
    }
    cursor = res.body.nextCursor;
  } while (cursor);
  report(
    listed === customers.length && contactCount === contacts.length && foreign.length === 0,
    label('the API lists the same'),
    `${listed} customers with ${contactCount} contacts listed (${pages} pages in ${((performance.now() - listStart) / 1000).toFixed(1)} s)` +
      (foreign.length ? `; other organizations' records listed: ${foreign.slice(0, 3).join(', ')}` : ''),
  );
  report(
    ledger.leaks.length === 0,
    label(`another organization's records out of reach (${ledger.probes} probes)`),
    ledger.leaks.slice(0, 5).join('; '),
  );
}

/** Reads back what became of the writes answered with a network or server error, into the ledger. */
async function settleUnknown(db: pg.Client, org: Org, ledger: Ledger): Promise<void> {
  const one = async (sql: string, value: string) =>
    (await db.query<{ id: string }>(sql, [org.id, value])).rows[0]?.id;
  for (const u of ledger.uncertain) {
    if (u.op === 'create customer') {
      const id = await one('select id from customers where organization_id = $1 and name = $2', u.name);
      if (id) ledger.customersAlive.add(id);
    } else if (u.op === 'create contact') {
      const id = await one('select id from contacts where organization_id = $1 and email = $2', u.email);
      if (id) ledger.contactsAlive.add(id);
    } else if (
      !(await one(
        `select id from ${u.op === 'delete customer' ? 'customers' : 'contacts'} where organization_id = $1 and id = $2`,
        u.id,
      ))
    ) {
      for (const id of u.op === 'delete customer' ? [u.id, ...u.contacts] : [u.id]) {
        const [alive, deleted] =
          id === u.id && u.op === 'delete customer'
            ? [ledger.customersAlive, ledger.customersDeleted]
            : [ledger.contactsAlive, ledger.contactsDeleted];
        alive.delete(id);
        deleted.add(id);
      }
    }
  }
}

/** The application's database on the cluster, with the owner's credentials. */
async function ownerUrl(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where not datistemplate and datname <> 'postgres' order by datname",
    );
    const name = rows.find((r) => r.datname === 'clientele')?.datname ?? rows[0]?.datname ?? 'clientele';
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------

const mib = (bytes?: number) => (bytes ? `${Math.round(bytes / 1024 / 1024)} MiB` : '-');
const fmt = (n: number) => Math.round(n).toLocaleString('en');

async function main(): Promise<void> {
  const wallStart = performance.now();
  for (const dir of [out, filesDir, logsDir]) fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(filesDir)) fs.rmSync(path.join(filesDir, f));
  console.log(
    `Soak: ${OPTS.imports} imports of ${fmt(OPTS.lines)} lines in ${OPTS.orgs} organizations, ${OPTS.clients} API clients, ${OPTS.workers} workers`,
  );

  const phase = (name: string, since: number) =>
    console.log(`(${name}: ${((performance.now() - since) / 1000).toFixed(1)} s)`);
  const adminUrl = await freshCluster();
  const server = startProcess('server', ['start', '--port', String(await freePort())]);
  await waitForOutput(server, 'Clientele is running on', 120_000);
  baseUrl = /Clientele is running on (\S+)/.exec(server.stdout)![1]!.replace('localhost', '127.0.0.1');
  const workers = Array.from({ length: OPTS.workers - 1 }, (_, k) =>
    startProcess(`worker-${k + 1}`, ['worker']),
  );
  for (const w of workers) await waitForOutput(w, 'worker started', 120_000);
  console.log(
    `Server ${baseUrl} and ${workers.length} extra worker process(es) running; logs in ${path.relative(root, logsDir)}/`,
  );
  phase('cluster and processes', wallStart);

  const orgs = await setUpOrganizations();
  const { files, expected } = await generateFiles({
    dir: filesDir,
    imports: OPTS.imports,
    orgs: OPTS.orgs,
    lines: OPTS.lines,
    people: (o) => ({ adminEmail: orgs[o]!.adminEmail, guestEmail: orgs[o]!.guestEmail }),
  });
  console.log(`${files.length} files generated in ${path.relative(root, filesDir)}/`);
  phase('setup', wallStart);

  // Imports and API clients, all at once.
  const ledgers: Ledger[] = orgs.map(() => ({
    imported: new Map(),
    importedIds: [],
    importedOf: Array.from({ length: Math.max(1, OPTS.clients) }, () => []),
    customersAlive: new Set(),
    customersDeleted: new Set(),
    contactsAlive: new Set(),
    contactsDeleted: new Set(),
    addressLine2: new Map(),
    addressUnknown: new Set(),
    uncertain: [],
    leaks: [],
    probes: 0,
  }));
  const stop = { now: false };
  const started = performance.now();
  const deadline = Date.now() + OPTS.timeoutMinutes * 60_000;
  const clients = Array.from({ length: OPTS.clients }, (_, w) => clientLoop(w, orgs, ledgers, stop));
  const runs: ImportRun[] = files.map((file) => ({ file, mappingSet: false }));
  for (const run of runs) orgIds.set(run, orgs[run.file.org]!.id);
  let crashed: Proc | undefined;
  const watch = setInterval(() => {
    crashed ??= procs.find((p) => p.exited && !p.stopping);
    if (crashed) stop.now = true;
  }, 500);
  await Promise.all(runs.map((run) => runImport(run, orgs[run.file.org]!, started, deadline, stop)));
  const importSeconds = (performance.now() - started) / 1000;
  stop.now = true;
  const ops = (await Promise.all(clients)).reduce((a, b) => a + b, 0);
  clearInterval(watch);
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(
    `Imports ended after ${importSeconds.toFixed(1)} s; ${fmt(ops)} API client operations meanwhile.`,
  );

  // Checks, on the data as the owner sees it.
  report(
    !crashed,
    'every process stayed up during the run',
    crashed ? `${crashed.name} exited; see ${crashed.logFile}` : '',
  );
  const checksStart = performance.now();
  const db = new pg.Client({ connectionString: await ownerUrl(adminUrl) });
  await db.connect();
  try {
    await checkImports(db, runs);
    for (const org of orgs) await checkOrganization(db, org, expected[org.index]!, ledgers[org.index]!, runs);
    console.log('\nTenant isolation (SQL as the cluster owner)');
    const checksStarted = performance.now();
    for (const r of await checkIsolation(db)) report(r.ok, r.name, r.detail);
    console.log(`     (${((performance.now() - checksStarted) / 1000).toFixed(1)} s)`);
    const uncertainWrites = ledgers.reduce((s, l) => s + l.uncertain.length, 0);
    report(
      readStats.errors + writeStats.errors + importStats.errors === 0,
      'API answers as expected',
      `${readStats.errors} read, ${writeStats.errors} write, ${importStats.errors} import request errors` +
        (uncertainWrites ? ` (${uncertainWrites} writes among them of unknown outcome, read back)` : '') +
        [...readStats.samples, ...writeStats.samples, ...importStats.samples]
          .slice(0, 8)
          .map((s) => `\n     ${s}`)
          .join(''),
    );
  } finally {
    await db.end();
  }

  phase('checks', checksStart);
  const stopStart = performance.now();
  await cleanup();
  phase('stopping the processes and the cluster', stopStart);
  report(
    procs.every((p) => p.exited && p.child.exitCode === 0),
    'every process stopped cleanly',
    procs.map((p) => `${p.name}: ${p.child.exitCode ?? p.child.signalCode}`).join(', '),
  );

  // Figures.
  const lines = runs.reduce((s, r) => s + (r.detail?.progress?.linesTotal ?? 0), 0);
  const apiCount = readStats.latencies.length + writeStats.latencies.length;
  const both = new Stats();
  both.latencies.push(...readStats.latencies, ...writeStats.latencies);
  both.errors = readStats.errors + writeStats.errors;
  console.log('\nFigures');
  console.log(`| figure | value |\n| --- | ---: |`);
  console.log(
    `| imports | ${runs.length} (${runs.filter((r) => r.detail && ['success', 'error'].includes(r.detail.status)).length} applied) |`,
  );
  console.log(`| lines imported | ${fmt(lines)} |`);
  console.log(`| import phase (first upload to last import done) | ${importSeconds.toFixed(1)} s |`);
  console.log(`| imports/s | ${(runs.length / importSeconds).toFixed(2)} |`);
  console.log(`| lines/s | ${fmt(lines / importSeconds)} |`);
  console.log(`| API client requests | ${fmt(apiCount)} (${fmt(apiCount / loadSeconds)}/s) |`);
  for (const [name, s] of [
    ['reads', readStats],
    ['writes', writeStats],
    ['all client requests', both],
    ['import requests (upload, mapping, apply, polling)', importStats],
  ] as const) {
    console.log(
      `| ${name}: p50 / p99 / max | ${fmt(s.percentile(50))} / ${fmt(s.percentile(99))} / ${fmt(s.percentile(100))} ms (${fmt(s.latencies.length)} requests, ${s.errors} errors) |`,
    );
  }
  for (const p of procs) console.log(`| peak RSS ${p.name} | ${mib(p.maxRss)} |`);
  console.log(`| peak RSS soak script | ${mib(process.resourceUsage().maxRSS * 1024)} |`);
  console.log(
    `| wall time, setup and checks included | ${((performance.now() - wallStart) / 1000).toFixed(1)} s |`,
  );
  console.log('\nPer import: seconds from the first upload to done');
  for (const r of runs) {
    console.log(
      `  o${r.file.org}#${r.file.index} ${r.file.kind.padEnd(9)} ${r.file.encoding.padEnd(12)} ${r.detail?.status ?? r.problem} ` +
        `uploaded ${((r.uploadedMs ?? 0) / 1000).toFixed(1)} s, done ${((r.doneMs ?? 0) / 1000).toFixed(1)} s` +
        (r.detail?.startedAt && r.detail?.finishedAt
          ? ` (applying ${((Date.parse(r.detail.finishedAt) - Date.parse(r.detail.startedAt)) / 1000).toFixed(1)} s)`
          : ''),
    );
  }
  fs.writeFileSync(
    path.join(out, 'soak-results.json'),
    `${JSON.stringify(
      {
        options: OPTS,
        failures,
        lines,
        importSeconds,
        apiRequests: apiCount,
        latencyMs: { p50: both.percentile(50), p99: both.percentile(99) },
        errors: readStats.errors + writeStats.errors + importStats.errors,
        peakRss: Object.fromEntries(procs.map((p) => [p.name, p.maxRss ?? null])),
      },
      null,
      2,
    )}\n`,
  );
  console.log(failures ? `\n${failures} check(s) FAILED` : '\nAll checks passed');
}

try {
  await main();
} catch (e) {
  failures++;
  console.error(`\nFAIL the soak stopped: ${(e as Error).stack ?? e}`);
  for (const p of procs) {
    if (p.stderrTail.length) console.error(`--- ${p.name} (${p.logFile}):\n${p.stderrTail.join('\n')}`);
  }
} finally {
  await cleanup();
}
process.exit(failures ? 1 : 0);
