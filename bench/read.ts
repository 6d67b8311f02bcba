/**
 * Reading benchmark: generates (once, into bench/out/, not committed) a 1,000,000-line contacts CSV
 * (~130 MB, Windows-1252, ";") and a 200,000-line XLSX, reads each through the files layer in a child
 * process, and prints rows/s and peak RSS. Run: node --import tsx bench/read.ts [--fresh]
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSpreadsheet } from '../src/files/reader.ts';
import { makeCsv, makeXlsx } from './data.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'out');
const CSV_FILE = path.join(outDir, 'contacts-1m.csv');
const XLSX_FILE = path.join(outDir, 'contacts-200k.xlsx');

/** Child: reads one file and prints its figures as JSON. */
async function child(file: string): Promise<void> {
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const opened = await openSpreadsheet(createReadStream(file), path.basename(file), {
    maxBytes: 512 * 1024 * 1024,
  });
  let rows = 0;
  for await (const row of opened.rows) if (!row.blank) rows++;
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const maxRssKb = process.resourceUsage().maxRSS;
  console.log(JSON.stringify({ rows, ms, baseRss, peakRss: peak, maxRss: maxRssKb * 1024 }));
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

async function main(): Promise<void> {
  const childIndex = process.argv.indexOf('--child');
  if (childIndex !== -1) return child(process.argv[childIndex + 1]!);
  mkdirSync(outDir, { recursive: true });
  const fresh = process.argv.includes('--fresh');
  if (fresh || !existsSync(CSV_FILE)) await makeCsv(CSV_FILE, 1_000_000);
  if (fresh || !existsSync(XLSX_FILE)) await makeXlsx(XLSX_FILE, 200_000);
  for (const file of [CSV_FILE, XLSX_FILE]) {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file],
      {
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) throw new Error(run.stderr);
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number>;
    const rate = Math.round(r.rows! / (r.ms! / 1000));
    console.log(
      `${path.basename(file)} (${(statSync(file).size / 1e6).toFixed(0)} MB): ${r.rows} data rows in ` +
        `${(r.ms! / 1000).toFixed(2)} s, ${rate.toLocaleString('en')} rows/s, peak RSS ` +
        `${mib(Math.max(r.peakRss!, r.maxRss!))} (sampled ${mib(r.peakRss!)}, maxRSS ${mib(r.maxRss!)}, ` +
        `${mib(r.baseRss!)} before reading)`,
    );
  }
}

await main();
