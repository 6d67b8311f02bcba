/**
 * Import benchmark (issue "Speed"): prints, for one run on this machine, the database's own floor (server-side COPY
 * of the same contacts into the same indexed tables, customer ids already resolved) and Clientele importing the
 * same rows end to end from the file (the real CLI, in a child process), then re-imports, a 10%-changed file, a
 * 200,000-line XLSX and a preview, each with the Clientele process's peak RSS.
 *
 * Run: npm run bench [-- --lines 1000000]. Data is generated into bench/out/ (never committed); a dedicated
 * embedded PostgreSQL runs under bench/out/pg.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { validateContactLine } from '../src/domain/lines/contacts.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { createOrganization } from '../src/services/create-organization.ts';
import { newRecordId } from '../src/services/imports/record-ids.ts';
import {
  createDatabaseIfMissing,
  openDatabase,
  resolveDatabaseUrl,
  withDatabase,
} from '../src/storage/database.ts';
import { contact, makeCsv, makeXlsx } from './data.ts';
import { dropEarlierRuns, settle } from './databases.ts';
import { cpuTimes, cpuTimesBetween } from './machine.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const out = path.join(here, 'out');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const LINES = arg('--lines', 1_000_000);
const XLSX_LINES = arg('--xlsx-lines', 200_000);
/** `--only baseline,import` runs those cases alone (baseline, import, unchanged, changed, xlsx, preview). */
const ONLY = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1]?.split(',')
  : undefined;

interface Figure {
  name: string;
  seconds: number;
  rowsPerSecond: number;
  peakRssMiB: number | null;
  detail?: string;
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const csv = path.join(out, `contacts-${LINES}.csv`);
  const changed = path.join(out, `contacts-${LINES}-changed.csv`);
  const xlsx = path.join(out, `contacts-${XLSX_LINES}.xlsx`);
  if (!existsSync(csv)) await makeCsv(csv, LINES + 1);
  if (!existsSync(changed)) {
    // One line in ten gets a new first name and position.
    await makeCsv(changed, LINES + 1, (i, cells) =>
      i % 10 === 0 ? cells.map((c, k) => (k === 4 ? `${c}-bis` : k === 8 ? 'Acheteur' : c)) : cells,
    );
  }
  if (!existsSync(xlsx)) await makeXlsx(xlsx, XLSX_LINES + 1);

  const admin = withDatabase(
    await resolveDatabaseUrl({ dataDir: path.join(out, 'pg'), embeddedPort: 54359, log: () => {} }),
    'postgres',
  );
  await dropEarlierRuns(admin, 'bench\\_%');
  const name = `bench_${Date.now()}`;
  await createDatabaseIfMissing(admin, name);
  const url = withDatabase(admin, name);
  const db = await openDatabase(url);
  const ctx: ServiceContext = {
    db: db.db,
    pool: db.pool,
    tenants: db.tenants,
    system: db.system,
    settings: {
      publicUrl: 'http://localhost',
      defaultFeatures: ['contact-import'],
      files: { maxBytes: 1024 ** 3, maxLineBytes: 1024 * 1024, maxColumns: 500 },
    },
  };
  for (const slug of ['baseline', 'clientele', 'xlsx', 'preview']) {
    const r = await createOrganization(ctx, { slug, name: slug, adminEmail: `admin@${slug}.bench` });
    if (!r.ok) throw new Error(r.error.code);
  }
  console.log(
    `\nClientele import benchmark: ${LINES.toLocaleString('en')} contact lines, ${Math.ceil(LINES / 3).toLocaleString('en')} customers`,
  );
  console.log('| case | seconds | rows/s | peak RSS |');
  console.log('| --- | ---: | ---: | ---: |');
  const figures: Figure[] = [];
  // Each figure is printed as soon as it is measured: a long run shows where it stands.
  const measure = async (key: string, run: () => Promise<Figure>) => {
    if (ONLY && !ONLY.includes(key)) return;
    await settle(ctx.system.pool, ['customers', 'contacts', 'invoices']);
    const before = cpuTimes();
    const f = await run();
    const machine = cpuTimesBetween(before, cpuTimes());
    // How much of the machine the case had: its processors' idle time, and the time the hypervisor took them.
    if (machine) f.detail = `${f.detail ? `${f.detail} ` : ''}(${machine})`;
    figures.push(f);
    console.log(
      `| ${f.name} | ${f.seconds.toFixed(1)} | ${Math.round(f.rowsPerSecond).toLocaleString('en')} | ${f.peakRssMiB === null ? '-' : `${f.peakRssMiB} MiB`} |${f.detail ? ` ${f.detail}` : ''}`,
    );
  };
  await measure('baseline', () => copyBaseline(ctx, LINES));
  await measure('import', () => cliImport(url, 'clientele', csv, 'import (empty organization)', LINES));
  await measure('unchanged', () => cliImport(url, 'clientele', csv, 're-import (all unchanged)', LINES));
  await measure('changed', () => cliImport(url, 'clientele', changed, 're-import (10% changed)', LINES));
  await measure('xlsx', () => cliImport(url, 'xlsx', xlsx, `XLSX import (${XLSX_LINES} lines)`, XLSX_LINES));
  await measure('preview', () => cliImport(url, 'preview', csv, 'preview (dry run)', LINES, ['--dry-run']));
  await db.close();

  const baseline = figures.find((f) => f.name.startsWith('baseline'));
  const imported = figures.find((f) => f.name.startsWith('import ('));
  const ratio = baseline && imported ? imported.seconds / baseline.seconds : Number.NaN;
  console.log(`\nratio import / COPY baseline: ${ratio.toFixed(2)} (target: at most 1.5)`);
  writeFileSync(
    path.join(out, 'import-results.json'),
    JSON.stringify({ lines: LINES, figures, ratio }, null, 2),
  );
}

/**
 * COPY of the same final rows (normalised by the same validators, untimed) into the same tables, with the ids an
 * import gives them (time-ordered, `newRecordId`): the same rows, so the same indexes to fill the same way.
 */
async function copyBaseline(ctx: ServiceContext, lines: number): Promise<Figure> {
  const org = (await ctx.system.pool.query("select id from organizations where slug = 'baseline'")).rows[0]
    .id as string;
  const customers = new Map<string, { id: string; name: string; key: string; ext: string }>();
  const contacts: string[] = [];
  const esc = (v: string | null | undefined) =>
    v === null || v === undefined
      ? '\\N'
      : v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
  for (let i = 1; i <= lines; i++) {
    const [
      customerName,
      customerExternalId,
      email,
      isMain,
      firstName,
      lastName,
      phone,
      reference,
      positions,
    ] = contact(i);
    const v = validateContactLine(
      { customerName, customerExternalId, email, isMain, firstName, lastName, phone, reference, positions },
      { defaultCountry: 'FR' },
    );
    if (!v.ok) continue;
    const line = v.value;
    let c = customers.get(line.customerExternalId ?? '');
    if (!c) {
      c = {
        id: newRecordId(),
        name: line.customerName ?? '',
        key: line.customerNameKey ?? '',
        ext: line.customerExternalId ?? '',
      };
      customers.set(c.ext, c);
    }
    contacts.push(
      [
        org,
        newRecordId(),
        c.id,
        line.email,
        line.firstName,
        line.lastName,
        line.phone,
        line.reference,
        `{${(line.positions ?? []).join(',')}}`,
        line.isMain ? 't' : 'f',
      ]
        .map(esc)
        .join('\t'),
    );
  }
  const customerRows = [...customers.values()].map((c) =>
    [org, c.id, c.name, c.key, c.ext, 'import'].map(esc).join('\t'),
  );
  // As the tables' owner: PostgreSQL refuses COPY FROM into a table under row-level security.
  const client = await ctx.system.pool.connect();
  const started = performance.now();
  try {
    await client.query('begin');
    await copy(client, 'customers (organization_id, id, name, name_key, external_id, source)', customerRows);
    await copy(
      client,
      'contacts (organization_id, id, customer_id, email, first_name, last_name, phone, reference, positions, is_main)',
      contacts,
    );
    await client.query('commit');
  } finally {
    client.release();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    name: 'baseline: COPY into the indexed tables',
    seconds,
    rowsPerSecond: contacts.length / seconds,
    peakRssMiB: null,
  };
}

async function copy(client: pg.PoolClient, target: string, rows: string[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  async function* chunks() {
    for (let i = 0; i < rows.length; i += 10_000) yield `${rows.slice(i, i + 10_000).join('\n')}\n`;
  }
  await pipeline(Readable.from(chunks()), stream);
}

/** The real command line in a child process, timed end to end, with its peak RSS. */
async function cliImport(
  url: string,
  org: string,
  file: string,
  name: string,
  lines: number,
  extra: string[] = [],
): Promise<Figure> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      path.join(here, 'rss.mjs'),
      'bin/clientele.js',
      'import',
      org,
      'contacts',
      file,
      '--json',
      ...extra,
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', MAX_UPLOAD_BYTES: String(1024 ** 3) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${name}: exit ${code}\n${stderr}`);
  // The process's peak, however many of its threads report it (a preview runs in a worker thread: bin/threads.mjs).
  const reported = [...stderr.matchAll(/BENCH_MAXRSS (\d+)/g)].map((m) => Number(m[1]));
  const rss = reported.length > 0 ? Math.max(...reported) : null;
  const summary = JSON.parse(stdout) as { lines: Record<string, number> };
  const l = summary.lines;
  return {
    name,
    seconds,
    rowsPerSecond: lines / seconds,
    peakRssMiB: rss === null ? null : Math.round(rss / 1024 / 1024),
    detail: `(${l.created} created, ${l.updated} updated, ${l.unchanged} unchanged, ${l.error} errors)`,
  };
}

await main();
