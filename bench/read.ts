/**
 * Reading benchmark: generates (once, into bench/out/, not committed) a 1,000,000-line contacts CSV
 * (~130 MB, Windows-1252, ";") and a 200,000-line XLSX, reads each through the files layer in a child
 * process, and prints rows/s and peak RSS. Run: node --import tsx bench/read.ts [--fresh]
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { openSpreadsheet } from '../src/files/reader.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'out');
const CSV_FILE = path.join(outDir, 'contacts-1m.csv');
const XLSX_FILE = path.join(outDir, 'contacts-200k.xlsx');

const FIRST = [
  'Élodie',
  'François',
  'Zoé',
  'Jérôme',
  'Hélène',
  'Loïc',
  'Maëlle',
  'Benoît',
  'Cécile',
  'Raphaël',
];
const LAST = [
  'Dupré',
  'Lefèvre',
  'Béranger',
  'Gaël',
  'Noël',
  'Châtelet',
  'Müller',
  'Perrière',
  'Hérault',
  'Çelik',
];
const COMPANY = [
  'Société Générale d’Équipement',
  'Brasserie du Pêcheur',
  'Électricité Réunie',
  'Café Crème SARL',
];
const POSITIONS = ['Comptable', 'Commercial', 'Acheteur', 'Finance', 'Comptable, Finance', ''];
const CITIES = ['Lyon', 'Paris', 'Nîmes', 'Orléans', 'Besançon', 'Sète'];

function contact(i: number): string[] {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[(i * 7) % LAST.length]!;
  return [
    `${COMPANY[i % COMPANY.length]} ${CITIES[i % CITIES.length]} n°${Math.floor(i / 3)}`,
    `CLI-${String(Math.floor(i / 3)).padStart(7, '0')}`,
    `${first.toLowerCase()}.${last.toLowerCase()}${i}@exemple.fr`.normalize('NFD').replace(/\p{M}/gu, ''),
    i % 3 === 0 ? '1' : '',
    first,
    last,
    `06 ${String(10 + (i % 90))} ${String(i % 100).padStart(2, '0')} 45 67`,
    `REF-${i}`,
    POSITIONS[i % POSITIONS.length]!,
  ];
}

const HEADER = [
  'Nom du client',
  'Identifiant Externe du client',
  'Adresse mail',
  'Contact principal',
  'Prénom',
  'Nom de famille',
  'Numéro de téléphone',
  'Référence',
  'Position',
];

async function makeCsv(lines: number): Promise<void> {
  const out = createWriteStream(CSV_FILE);
  let batch = `${HEADER.join(';')}\r\n`;
  for (let i = 1; i < lines; i++) {
    batch += `${contact(i).join(';')}\r\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(iconv.encode(batch, 'windows-1252'))) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(iconv.encode(batch, 'windows-1252'));
  await once(out, 'finish');
}

async function makeXlsx(lines: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: XLSX_FILE, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Contacts');
  sheet.addRow([...HEADER, 'Créé le']).commit();
  for (let i = 1; i < lines; i++) {
    const cells: (string | number | Date)[] = contact(i);
    cells[6] = 600000000 + i; // a phone typed as a number, as people do
    cells.push(new Date(Date.UTC(2024, i % 12, 1 + (i % 28))));
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  await workbook.commit();
}

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
  if (fresh || !existsSync(CSV_FILE)) await makeCsv(1_000_000);
  if (fresh || !existsSync(XLSX_FILE)) await makeXlsx(200_000);
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
