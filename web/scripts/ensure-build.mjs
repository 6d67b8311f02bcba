// Builds the web app into web/dist when it is missing or older than its sources. Run by `npm start` (a fresh
// clone must serve the app without a separate step) and by the browser tests before they start a server.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const REPO = path.dirname(WEB);
const BUILT = path.join(WEB, 'dist', 'index.html');
// Everything the bundle is made of; the app also imports pure modules of src/domain (field labels, positions).
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json']
  .map((p) => path.join(WEB, p))
  .concat(path.join(REPO, 'src', 'domain'), path.join(REPO, 'package.json'));

function newestChange(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestChange(path.join(p, entry)));
  return newest;
}

/** True when web/dist is missing or older than one of the app's sources. */
export function webBuildIsStale() {
  let built;
  try {
    built = fs.statSync(BUILT).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((s) => newestChange(s) > built);
}

function viteBin() {
  try {
    return path.join(
      path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
      'bin',
      'vite.js',
    );
  } catch {
    return null;
  }
}

/** Runs `vite build` in a child process; resolves with its output, rejects with it when the build fails. */
export function buildWeb({ quiet = false } = {}) {
  const bin = viteBin();
  if (!bin)
    return Promise.reject(new Error('vite is not installed: run `npm install` (with dev dependencies)'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build', '--config', path.join(WEB, 'vite.config.ts')], {
      cwd: REPO,
      // A test runner's NODE_ENV=test would otherwise give React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (d) => {
      output += d;
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`vite build failed (exit ${code})\n${output}`)),
    );
  });
}

// Two test files (or a test run and `npm start`) may want a build at once: one builds, the other waits.
const LOCK = path.join(
  os.tmpdir(),
  `clientele-web-build-${createHash('sha256').update(WEB).digest('hex').slice(0, 12)}.lock`,
);

async function withLock(fn) {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock left by a killed build would block every later one.
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 180_000) fs.rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds web/dist if it is stale; resolves true when it built. */
export function ensureWebBuild({ quiet = false } = {}) {
  return withLock(async () => {
    if (!webBuildIsStale()) return false;
    await buildWeb({ quiet });
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    if (webBuildIsStale()) console.log('Building the web app (web/dist)…');
    await ensureWebBuild();
  } catch (e) {
    // The server still starts: the API works, and `/` explains that the app must be built.
    console.error(`Could not build the web app: ${e.message}`);
    if (!fs.existsSync(BUILT))
      console.error('The API will start without it; run `npm run build:web` to retry.');
  }
}
