/**
 * The soak test's generated import files (never committed) and what they must leave in the database.
 *
 * Every organization draws from the same universe of customers (customer `j`: one name, one external ID) and
 * contacts (contact `i` belongs to customer `floor(i / 3)`; the first of each customer is its main contact), so
 * that the same names and external IDs exist in several organizations. The files of one organization cover
 * overlapping windows of that universe: later imports update what earlier ones created, whatever order the
 * workers take them in. Because every line names its customer consistently (same name, same external ID), the
 * final set of records does not depend on that order: it is computed here, from the valid lines.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import iconv from 'iconv-lite';
import { FIRST, LAST } from './data.ts';

export type Kind = 'customers' | 'contacts';
export type Encoding = 'windows-1252' | 'utf-8' | 'utf-8-bom';

/** One file to import and what is known about it in advance. */
export interface ImportFile {
  org: number;
  /** The import's number within its organization. */
  index: number;
  kind: Kind;
  mode: 'create_update' | 'create_only';
  fileName: string;
  path: string;
  encoding: Encoding;
  delimiter: ';' | ',';
  headers: string[];
  /** The field each column must be mapped to (the script sets the mapping when the proposal differs). */
  fields: string[];
  /** Data lines, blank ones excluded. */
  dataLines: number;
  blankLines: number;
  /** Lines written to be refused (unknown account manager, invalid email). */
  errorLines: number;
}

/** What the valid lines of an organization's files name. */
export interface OrgExpectation {
  /** Customers (j) named by at least one valid line. */
  customers: Set<number>;
  /** Customers (j) that at least one valid line gives with its external ID (the others keep none). */
  withExternalId: Set<number>;
  /** Contacts (i) of at least one valid line. */
  contacts: Set<number>;
}

export interface OrgPeople {
  /** The organization's own admin. */
  adminEmail: string;
  /** The admin of another organization, invited here as a member (null with a single organization). */
  guestEmail: string | null;
}

const COMPANY = [
  'Société Générale d’Équipement',
  'Brasserie du Pêcheur',
  'Électricité Réunie',
  'Café Crème SARL',
  'Dupont, Fils & Cie',
  'Le "Petit" Marché',
  'Œuvres Sociales Hérault',
  'Garage Müller',
];
const CITY = ['Lyon', 'Paris', 'Nîmes', 'Orléans', 'Besançon', 'Sète', 'Brest', 'Metz'];
const POSITIONS = ['Comptable', 'Commercial', 'Acheteur', 'Finance', 'Comptable, Finance', ''];

const ascii = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const customerName = (j: number) => `${COMPANY[j % COMPANY.length]} ${CITY[(j * 3) % 8]} n°${j}`;
export const externalId = (j: number) => `CLI-${pad(j, 6)}`;
/** The contact email of contact i, lower-case ASCII (unique in the universe). */
export const contactEmail = (i: number) =>
  ascii(`${FIRST[i % 10]}.${LAST[(i * 7) % 10]}.${i}@exemple.fr`).toLowerCase();
/** Whether an email is one of the generated contacts', and which. */
export function contactIndex(email: string): number | undefined {
  const m = /\.(\d+)@exemple\.fr$/.exec(email);
  return m ? Number(m[1]) : undefined;
}

const CUSTOMER_FIELDS = [
  'name',
  'externalId',
  'email',
  'phone',
  'addressLine1',
  'postalCode',
  'city',
  'country',
  'accountManager',
  'dunningPlan',
];
const CUSTOMER_HEADERS_FR = [
  'Nom du client',
  'Identifiant externe',
  'Adresse mail',
  'Numéro de téléphone',
  'Adresse ligne 1',
  'Code postal',
  'Ville',
  'Pays',
  'Responsable de compte',
  'Plan de relance',
];
const CUSTOMER_HEADERS_EN = [
  'Customer name',
  'External ID',
  'Email',
  'Phone number',
  'Address line 1',
  'Postal code',
  'City',
  'Country',
  'Account manager',
  'Dunning plan',
];
const CONTACT_FIELDS = [
  'customerName',
  'customerExternalId',
  'email',
  'isMain',
  'firstName',
  'lastName',
  'phone',
  'reference',
  'positions',
];
const CONTACT_HEADERS_FR = [
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
const CONTACT_HEADERS_EN = [
  'Customer name',
  'Customer external ID',
  'Email',
  'Main contact',
  'First name',
  'Last name',
  'Phone number',
  'Reference',
  'Position',
];
/** A header no alias matches: the script has to map it by hand (PUT /imports/{id}/mapping). */
const CONTACT_HEADERS_CUSTOM = CONTACT_HEADERS_FR.map((h, c) => (c === 1 ? 'Code ERP' : h));

/** Dunning plans every organization has (created through the API before the imports). */
export const PLAN_NAMES = ['Standard', 'Relance forte'];
const UNKNOWN_MANAGER = 'personne@inconnu.test';

/** The cells of customer j in a customers file; `variant` 1 changes some values (updates) and names some by name only. */
function customerCells(j: number, variant: number, people: OrgPeople): string[] {
  const nameOnly = variant === 1 && j % 10 === 7;
  const manager = variant === 1 && j % 2 === 0 && people.guestEmail ? people.guestEmail : people.adminEmail;
  return [
    customerName(j),
    nameOnly ? '' : externalId(j),
    // Upper case in one file: normalised to the same value, so unchanged.
    variant === 1 ? `Compta.${j}@Client-${j}.FR` : `compta.${j}@client-${j}.fr`,
    `04 ${pad(10 + (j % 90), 2)} ${pad(j % 100, 2)} ${pad((j * 7) % 100, 2)} 12`,
    `${1 + (j % 150)} ${variant === 1 && j % 3 === 0 ? 'boulevard Gambetta' : 'rue de la République'}`,
    `${10 + (j % 80)}${pad(j % 1000, 3)}`,
    CITY[(j * 5 + (variant === 1 && j % 4 === 1 ? 1 : 0)) % 8]!,
    j % 2 === 0 ? 'FR' : 'France',
    manager,
    variant === 1 && j % 4 === 0 ? 'Relance forte' : j % 3 === 0 ? 'standard' : 'Standard',
  ];
}

/** The cells of contact i; `variant` 1 changes positions of one contact in five, 2 names some customers by name only. */
function contactCells(i: number, variant: number): string[] {
  const j = Math.floor(i / 3);
  const first = FIRST[i % 10]!;
  const last = LAST[(i * 7) % 10]!;
  return [
    customerName(j),
    variant === 2 && j % 10 === 3 ? '' : externalId(j),
    contactEmail(i),
    i % 3 === 0 ? '1' : '',
    first,
    last,
    `06 ${pad(10 + (i % 90), 2)} ${pad(i % 100, 2)} 45 67`,
    `REF-${i}`,
    POSITIONS[(i + (variant === 1 && i % 5 === 0 ? 1 : 0)) % POSITIONS.length]!,
  ];
}

function csvLine(cells: string[], delimiter: string): string {
  return cells
    .map((c) =>
      c.includes(delimiter) || c.includes('"') || c.includes('\n') || c.includes('\r')
        ? `"${c.replaceAll('"', '""')}"`
        : c,
    )
    .join(delimiter);
}

/** The five kinds of file an organization gets, in turn (a sixth import starts the cycle again further on). */
interface Template {
  kind: Kind;
  mode: ImportFile['mode'];
  encoding: Encoding;
  delimiter: ';' | ',';
  eol: string;
  headers: string[];
  fields: string[];
  variant: number;
  /** Start of the window, in lines (of customers or contacts), from the organization's base. */
  start: number;
  blankInMiddle: boolean;
}

function templates(lines: number): Template[] {
  const half = Math.floor(lines / 2);
  return [
    {
      kind: 'customers',
      mode: 'create_update',
      encoding: 'windows-1252',
      delimiter: ';',
      eol: '\r\n',
      headers: CUSTOMER_HEADERS_FR,
      fields: CUSTOMER_FIELDS,
      variant: 0,
      start: 0,
      blankInMiddle: false,
    },
    {
      kind: 'contacts',
      mode: 'create_update',
      encoding: 'utf-8',
      delimiter: ',',
      eol: '\n',
      headers: CONTACT_HEADERS_EN,
      fields: CONTACT_FIELDS,
      variant: 0,
      start: 0,
      blankInMiddle: true,
    },
    {
      kind: 'contacts',
      mode: 'create_update',
      encoding: 'windows-1252',
      delimiter: ';',
      eol: '\r\n',
      headers: CONTACT_HEADERS_CUSTOM,
      fields: CONTACT_FIELDS,
      variant: 1,
      start: half,
      blankInMiddle: false,
    },
    {
      kind: 'customers',
      mode: 'create_update',
      encoding: 'utf-8-bom',
      delimiter: ';',
      eol: '\n',
      headers: CUSTOMER_HEADERS_EN,
      fields: CUSTOMER_FIELDS,
      variant: 1,
      start: half,
      blankInMiddle: false,
    },
    {
      kind: 'contacts',
      mode: 'create_only',
      encoding: 'utf-8',
      delimiter: ',',
      eol: '\r\n',
      headers: CONTACT_HEADERS_FR,
      fields: CONTACT_FIELDS,
      variant: 2,
      start: lines,
      blankInMiddle: false,
    },
  ];
}

/**
 * Writes the files of every import (`imports` spread over `orgs` in turn, `lines` data lines each) and returns
 * them with each organization's expected records.
 */
export async function generateFiles(opts: {
  dir: string;
  imports: number;
  orgs: number;
  lines: number;
  people: (org: number) => OrgPeople;
}): Promise<{ files: ImportFile[]; expected: OrgExpectation[] }> {
  const { lines } = opts;
  const expected: OrgExpectation[] = Array.from({ length: opts.orgs }, () => ({
    customers: new Set<number>(),
    withExternalId: new Set<number>(),
    contacts: new Set<number>(),
  }));
  const files: ImportFile[] = [];
  const all = templates(lines);
  for (let n = 0; n < opts.imports; n++) {
    const org = n % opts.orgs;
    const index = Math.floor(n / opts.orgs);
    const t = all[index % all.length]!;
    const round = Math.floor(index / all.length);
    // Organizations' windows are shifted, so their record counts differ although their names overlap.
    const base = org * Math.floor(lines / 8) + round * 2 * lines;
    const exp = expected[org]!;
    const people = opts.people(org);
    const fileName = `soak-o${org}-${index}-${t.kind}${t.encoding === 'windows-1252' ? '-excel' : ''}.csv`;
    const file: ImportFile = {
      org,
      index,
      kind: t.kind,
      mode: t.mode,
      fileName,
      path: `${opts.dir}/${fileName}`,
      encoding: t.encoding,
      delimiter: t.delimiter,
      headers: t.headers,
      fields: t.fields,
      dataLines: lines,
      blankLines: t.blankInMiddle ? 1 : 0,
      errorLines: 0,
    };
    const out = createWriteStream(file.path);
    const encode = (s: string) =>
      t.encoding === 'windows-1252' ? iconv.encode(s, 'windows-1252') : Buffer.from(s, 'utf8');
    let buf = (t.encoding === 'utf-8-bom' ? '\ufeff' : '') + csvLine(t.headers, t.delimiter) + t.eol;
    for (let k = 0; k < lines; k++) {
      if (t.blankInMiddle && k === Math.floor(lines / 2)) buf += t.eol;
      let cells: string[];
      if (t.kind === 'customers') {
        const j = base + t.start + k;
        cells = customerCells(j, t.variant, people);
        if (t.variant === 1 && k % 499 === 7) {
          cells[8] = UNKNOWN_MANAGER;
          file.errorLines++;
        } else {
          exp.customers.add(j);
          if (cells[1]) exp.withExternalId.add(j);
        }
      } else {
        const i = 3 * base + t.start + k;
        cells = contactCells(i, t.variant);
        if (t.variant === 2 && k % 701 === 13) {
          cells[2] = 'adresse invalide';
          file.errorLines++;
        } else {
          const j = Math.floor(i / 3);
          exp.customers.add(j);
          if (cells[1]) exp.withExternalId.add(j);
          exp.contacts.add(i);
        }
      }
      buf += csvLine(cells, t.delimiter) + t.eol;
      if (buf.length > 1 << 20) {
        if (!out.write(encode(buf))) await once(out, 'drain');
        buf = '';
      }
    }
    out.end(encode(buf));
    await once(out, 'finish');
    files.push(file);
  }
  return { files, expected };
}
