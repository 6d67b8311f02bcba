/**
 * API benchmark (issue "Speed"): the customer list and search with 100,000 customers and 300,000 contacts, while
 * 50 concurrent clients hit them (autocannon on loopback). Prints latency percentiles, with the answers kept in
 * memory as the server runs and with nothing kept (every request reading PostgreSQL); run: npm run bench:api.
 * A dedicated embedded PostgreSQL runs under bench/out/pg; the data is generated, never committed.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { nameKey } from '../src/domain/text.ts';
import { buildApp } from '../src/http/app.ts';
import { ResponseCache } from '../src/http/response-cache.ts';
import { createApiKey } from '../src/services/api-keys.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { createOrganization } from '../src/services/create-organization.ts';
import {
  createDatabaseIfMissing,
  openDatabase,
  resolveDatabaseUrl,
  withDatabase,
} from '../src/storage/database.ts';
import { dropEarlierRuns } from './databases.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CUSTOMERS = 100_000;
const CONTACTS_PER_CUSTOMER = 3;
const WORDS = [
  'Boulangerie',
  'Électricité',
  'Transports',
  'Café',
  'Société',
  'Garage',
  'Pharmacie',
  'Librairie',
];
const TOWNS = ['Lyon', 'Nîmes', 'Orléans', 'Besançon', 'Sète', 'Paris', 'Brest', 'Metz'];

function customerName(i: number): string {
  return `${WORDS[i % WORDS.length]} ${TOWNS[(i * 7) % TOWNS.length]} ${String(i).padStart(6, '0')}`;
}

async function copy(client: pg.PoolClient, target: string, rows: Iterable<string>): Promise<void> {
  async function* chunks() {
    let buf = '';
    for (const r of rows) {
      buf += `${r}\n`;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
}

async function load(ctx: ServiceContext, org: string): Promise<void> {
  const ids = Array.from({ length: CUSTOMERS }, () => randomUUID());
  // As the tables' owner: PostgreSQL refuses COPY FROM into a table under row-level security.
  const client = await ctx.system.pool.connect();
  try {
    await client.query('begin');
    await copy(
      client,
      'customers (organization_id, id, name, name_key, external_id, source)',
      (function* () {
        for (let i = 0; i < CUSTOMERS; i++) {
          const name = customerName(i);
          yield [org, ids[i], name, nameKey(name), `CLI-${String(i).padStart(6, '0')}`, 'import'].join('\t');
        }
      })(),
    );
    await copy(
      client,
      'contacts (organization_id, customer_id, email, first_name, is_main, positions)',
      (function* () {
        for (let i = 0; i < CUSTOMERS; i++) {
          for (let k = 0; k < CONTACTS_PER_CUSTOMER; k++) {
            yield [
              org,
              ids[i],
              `contact${k}.${i}@client${i}.fr`,
              `P${k}`,
              k === 0 ? 't' : 'f',
              '{finance}',
            ].join('\t');
          }
        }
      })(),
    );
    await client.query('commit');
    await client.query('analyze customers, contacts');
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  mkdirSync(path.join(here, 'out'), { recursive: true });
  const admin = withDatabase(
    await resolveDatabaseUrl({ dataDir: path.join(here, 'out', 'pg'), embeddedPort: 54359, log: () => {} }),
    'postgres',
  );
  await dropEarlierRuns(admin, 'bench\\_api\\_%');
  const name = `bench_api_${Date.now()}`;
  await createDatabaseIfMissing(admin, name);
  const db = await openDatabase(withDatabase(admin, name), { max: 20 });
  const ctx: ServiceContext = {
    db: db.db,
    pool: db.pool,
    tenants: db.tenants,
    system: db.system,
    settings: {
      publicUrl: 'http://localhost',
      defaultFeatures: [],
      files: { maxBytes: 1024 ** 3, maxLineBytes: 1024 * 1024, maxColumns: 500 },
    },
  };
  const created = await createOrganization(ctx, {
    slug: 'bench',
    name: 'Bench',
    adminEmail: 'admin@bench.test',
  });
  if (!created.ok) throw new Error(created.error.code);
  const { organization, member, user } = created.value;
  const started = performance.now();
  await load(ctx, organization.id);
  console.log(
    `Loaded ${CUSTOMERS} customers and ${CUSTOMERS * CONTACTS_PER_CUSTOMER} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const key = await createApiKey(
    ctx,
    {
      organizationId: organization.id,
      memberId: member.id,
      userId: user.id,
      role: 'admin',
      language: 'en',
      via: 'session',
    },
    { name: 'bench' },
  );
  if (!key.ok) throw new Error(key.error.code);
  const cases: { name: string; paths: string[] }[] = [
    { name: 'list, first page (50, by name)', paths: ['/api/v1/customers?limit=50'] },
    { name: 'list, newest first', paths: ['/api/v1/customers?limit=50&sort=createdAt&order=desc'] },
    {
      name: 'search (name part, external ID, contact email)',
      paths: [
        '/api/v1/customers?q=nimes%20000',
        '/api/v1/customers?q=CLI-0421',
        '/api/v1/customers?q=contact1.777',
      ],
    },
  ];
  // As the server runs (answers kept per organization and data version), then with nothing kept: every request
  // reads PostgreSQL, as the first request after each change does.
  const modes = [
    { name: 'kept', cache: undefined },
    { name: 'not kept', cache: new ResponseCache(0) },
  ];
  console.log('\n| request | answers | requests/s | p50 ms | p90 ms | p99 ms | errors |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const mode of modes) {
    const app = await buildApp({
      ctx,
      cookieSecure: false,
      maxUploadBytes: 1024 ** 2,
      ...(mode.cache ? { responseCache: mode.cache } : {}),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const headers = { authorization: `Bearer ${key.value.key}` };
    for (const c of cases) {
      const result = await autocannon({
        url: base,
        connections: 50,
        duration: 10,
        // The load is generated in a worker thread: in the server's own event loop it would queue behind requests.
        workers: 1,
        requests: c.paths.map((p) => ({ method: 'GET', path: p, headers })),
      });
      const l = result.latency;
      console.log(
        `| ${c.name} | ${mode.name} | ${Math.round(result.requests.average)} | ${l.p50} | ${l.p90} | ${l.p99} | ${result.errors + result.non2xx} |`,
      );
    }
    await app.close();
  }
  console.log('\nTarget: p99 under 20 ms.');
  await db.close();
}

await main();
