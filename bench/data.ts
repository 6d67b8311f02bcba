/** Generated benchmark data (never committed): French-looking contacts, three per customer. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export const FIRST = [
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
export const LAST = [
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

/** The i-th contact line: three contacts per customer, the first of each marked main. */
export function contact(i: number): string[] {
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

/** The seed article's French contacts columns. */
export const HEADER = [
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

/** Writes a contacts CSV as French Excel saves it: Windows-1252, `;`, CRLF. `lines` counts the header. */
export async function makeCsv(
  file: string,
  lines: number,
  change?: (i: number, cells: string[]) => string[],
): Promise<void> {
  const out = createWriteStream(file);
  let batch = `${HEADER.join(';')}\r\n`;
  for (let i = 1; i < lines; i++) {
    const cells = contact(i);
    batch += `${(change ? change(i, cells) : cells).join(';')}\r\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(iconv.encode(batch, 'windows-1252'))) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(iconv.encode(batch, 'windows-1252'));
  await once(out, 'finish');
}

/** Writes a contacts XLSX with typed cells (phones as numbers, a date column). `lines` counts the header. */
export async function makeXlsx(file: string, lines: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
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
