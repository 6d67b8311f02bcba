import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { as, createTestApi, type Session, signUpAs, type TestApi } from '../helpers/app.ts';
import { csv } from '../helpers/imports.ts';
import { type FormPart, multipartBody } from '../helpers/multipart.ts';

let api: TestApi;
let a: Session;
let b: Session;
const url = '/api/v1/imports';

// The seed article's French columns, plus two columns that match no field.
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
  'Matricule',
  'Commentaire',
];
const ROWS = [
  [
    'Société Générale',
    'C-001',
    'Jean@SG.fr',
    '1',
    'Jean',
    'Dupont',
    '06 12 34 56 78',
    'R1',
    'Comptable, Acheteur',
    'M-1',
    'ok',
  ],
  [
    'Boulangerie Martin',
    'C-002',
    'pas-un-email',
    '',
    'Zoé',
    '=HYPERLINK("http://x")',
    '',
    'R2',
    'Finance',
    'M-2',
    'à revoir',
  ],
  ['Café Crème', 'C-003', 'zoe@cafe.fr', '', 'Zoé', 'Noël', '', 'R3', 'Chef', 'M-3', ''],
  [
    'Électricité Réunie',
    'C-004',
    'jerome@elec.fr',
    '1',
    'Jérôme',
    'Béranger',
    '0612345678',
    'R4',
    'Commercial',
    'M-4',
    '',
  ],
];
// Windows-1252 (every character here is in Latin-1, which it extends), `;`, CRLF: what French Excel saves.
const FILE = Buffer.from(csv([HEADER, ...ROWS], ';'), 'latin1');

/** Posts a multipart form to the upload route as a session. */
function upload(s: Session, parts: FormPart[], app = api.app) {
  const { payload, contentType } = multipartBody(parts);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': contentType },
    payload,
  });
}

const contactsFile = (content: Buffer | string = FILE, fileName = 'contacts-export.csv'): FormPart[] => [
  { name: 'kind', value: 'contacts' },
  { name: 'file', fileName, content, contentType: 'text/csv' },
];

/** Polls an import until it has a result (the apply runs in the background). */
async function result(s: Session, id: string) {
  for (let i = 0; i < 600; i++) {
    const body = (await as(api, s).get(`${url}/${id}`)).json();
    if (['success', 'error', 'failed'].includes(body.status)) return body;
    await sleep(50);
  }
  throw new Error('the import never finished');
}

let id: string;

beforeAll(async () => {
  api = await createTestApi({ jobs: true });
  a = await signUpAs(api, 'Imports A');
  b = await signUpAs(api, 'Imports B');
});

describe('the life of an import over HTTP', () => {
  it('uploads a French `;` Windows-1252 contacts file: format, encoding, delimiter, mapping, samples', async () => {
    const res = await upload(a, contactsFile());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    id = body.id;
    expect(body).toMatchObject({
      kind: 'contacts',
      mode: 'create_update',
      status: 'uploaded',
      fileName: 'contacts-export.csv',
      fileSize: FILE.length,
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      headerLine: 1,
      headers: HEADER,
      mapping: [
        'customerName',
        'customerExternalId',
        'email',
        'isMain',
        'firstName',
        'lastName',
        'phone',
        'reference',
        'positions',
        null,
        null,
      ],
      ignoredColumns: ['Matricule', 'Commentaire'],
      problems: [],
      startedBy: { email: a.email, name: 'Imports A Admin' },
    });
    expect(body.samples[0]).toEqual(['Société Générale', 'Boulangerie Martin', 'Café Crème']);
    expect(body.samples[10]).toEqual(['ok', 'à revoir']);
  });

  it('refuses a mapping that leaves no email column (422), then takes a changed mapping', async () => {
    const put = (mapping: unknown) =>
      api.app.inject({
        method: 'PUT',
        url: `${url}/${id}/mapping`,
        headers: { cookie: a.cookie, 'x-csrf-token': a.csrfToken },
        payload: { mapping },
      });
    const fields = (await as(api, a).get(`${url}/${id}`)).json().mapping as (string | null)[];
    const chosen = (changes: Record<string, string | null>) =>
      HEADER.map((column, i) => ({ column, field: column in changes ? changes[column] : fields[i] }));

    const missing = await put(chosen({ 'Adresse mail': null }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'mapping_incomplete' });
    expect(missing.json().errors).toEqual([
      expect.objectContaining({ field: 'mapping', code: 'missing_required_column' }),
    ]);
    const unknown = await put([{ column: 'Nope', field: 'email' }]);
    expect(unknown.statusCode).toBe(422);

    // The reference now comes from "Matricule", "Référence" is ignored; a column may be given by index.
    const mapping = chosen({ Référence: null, Matricule: 'reference' });
    const res = await put([...mapping.slice(0, 10), { column: 10, field: null }]);
    expect(res.statusCode).toBe(200);
    expect(res.json().mapping.slice(7)).toEqual([null, 'positions', 'reference', null]);
    expect(res.json().ignoredColumns).toEqual(['Référence', 'Commentaire']);
    expect(res.json().problems).toEqual([]);
  });

  it('previews: counts and every error, writing nothing', async () => {
    const res = await as(api, a).post(`${url}/${id}/preview`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'previewed',
      lines: { created: 2, updated: 0, unchanged: 0, error: 2, blank: 0 },
      records: { customers: { created: 2, updated: 0 }, contacts: { created: 2, updated: 0 } },
    });
    expect((await as(api, a).get('/api/v1/customers')).json().items).toEqual([]);
    expect((await as(api, a).get(`${url}/${id}/changes`)).json().items).toEqual([]);
  });

  it('applies in the background: 202 at once, then progress ends in a result', async () => {
    const res = await as(api, a).post(`${url}/${id}/apply`);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ id, status: 'queued' });
    const done = await result(a, id);
    expect(done).toMatchObject({
      status: 'error',
      stage: null,
      progress: { linesDone: 4, linesTotal: 4, percent: 100 },
      lines: { created: 2, updated: 0, unchanged: 0, error: 2, blank: 0 },
      records: { customers: { created: 2, updated: 0 }, contacts: { created: 2, updated: 0 } },
      samples: [],
    });
    expect(done.finishedAt).toEqual(expect.any(String));
    const names = (await as(api, a).get('/api/v1/customers'))
      .json()
      .items.map((c: { name: string }) => c.name);
    expect(names.sort()).toEqual(['Société Générale', 'Électricité Réunie']);
    const again = await as(api, a).post(`${url}/${id}/apply`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'import_not_ready', params: { status: 'error' } });
  });

  it('lists the errors page by page: line, column as named in the file, value, code, message', async () => {
    const first = (await as(api, a).get(`${url}/${id}/errors?limit=1`)).json();
    expect(first.items).toEqual([
      {
        line: 3,
        column: 'Adresse mail',
        value: 'pas-un-email',
        code: 'invalid_email',
        message: expect.stringContaining('Invalid email address'),
      },
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = (await as(api, a).get(`${url}/${id}/errors?limit=50&cursor=${first.nextCursor}`)).json();
    expect(rest.items).toEqual([
      expect.objectContaining({ line: 4, column: 'Position', value: 'Chef', code: 'unknown_position' }),
    ]);
    expect(rest.nextCursor).toBeNull();
    const badCursor = await as(api, a).get(`${url}/${id}/errors?cursor=nope`);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().code).toBe('invalid_cursor');
  });

  it('serves the error file: BOM, the file’s `;`, an error column, formula cells neutralised', async () => {
    const res = await as(api, a).get(`${url}/${id}/error-file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment; filename="contacts-export-errors.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe([...HEADER, 'Error'].join(';'));
    expect(lines).toHaveLength(4); // header, two refused lines, and the final line end
    const [line3, line4] = [lines[1]?.split(';') ?? [], lines[2]?.split(';') ?? []];
    expect(line3.slice(0, 5)).toEqual(['Boulangerie Martin', 'C-002', 'pas-un-email', '', 'Zoé']);
    expect(line3[5]).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(line3[11]).toMatch(/^Adresse mail: /);
    expect(line4[0]).toBe('Café Crème');
    expect(line4[11]).toMatch(/^"Position: Unknown position ""Chef""/);
  });

  it('lists the data each line imported', async () => {
    const res = await as(api, a).get(`${url}/${id}/changes?limit=500`);
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(
      items.map((c: { line: number; entity: string; action: string }) => [c.line, c.entity, c.action]),
    ).toEqual([
      [2, 'customer', 'created'],
      [2, 'contact', 'created'],
      [5, 'customer', 'created'],
      [5, 'contact', 'created'],
    ]);
    const jean = items.find((c: { line: number; entity: string }) => c.line === 2 && c.entity === 'contact');
    expect(jean.before).toBeNull();
    expect(jean.after).toMatchObject({ email: 'jean@sg.fr', phone: '+33612345678', reference: 'M-1' });
    const paged = (await as(api, a).get(`${url}/${id}/changes?limit=3`)).json();
    expect(paged.items).toHaveLength(3);
    const last = (await as(api, a).get(`${url}/${id}/changes?cursor=${paged.nextCursor}`)).json();
    expect(last.items.map((c: { seq: number }) => c.seq)).toEqual([items[3].seq]);
  });

  it('gives back the original upload byte for byte, with its name', async () => {
    const res = await as(api, a).get(`${url}/${id}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('filename="contacts-export.csv"');
    expect(res.rawPayload.equals(FILE)).toBe(true);
  });

  it('reverts the applied import: what it created is gone, and it cannot be reverted twice', async () => {
    const res = await as(api, a).post(`${url}/${id}/revert`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'reverted',
      revert: { deleted: 4, restored: 0, conflicts: [] },
    });
    expect(res.json().revertedAt).toEqual(expect.any(String));
    expect((await as(api, a).get('/api/v1/customers')).json().items).toEqual([]);
    const twice = await as(api, a).post(`${url}/${id}/revert`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'import_not_revertible', params: { status: 'reverted' } });
  });

  it('keeps a refused file in the history as failed: a PDF named .csv is a 422 with its import id', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n', 'latin1');
    const res = await upload(a, contactsFile(pdf, 'clients.csv'));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem).toMatchObject({ code: 'not_a_spreadsheet', params: { importId: expect.any(String) } });
    const failed = (await as(api, a).get(`${url}/${problem.params.importId}`)).json();
    expect(failed).toMatchObject({
      status: 'failed',
      fileName: 'clients.csv',
      refusal: { code: 'not_a_spreadsheet' },
    });
    expect(failed.refusal.message).toContain('CSV');
    const file = await as(api, a).get(`${url}/${problem.params.importId}/file`);
    expect(file.rawPayload.equals(pdf)).toBe(true);
  });

  it('lists the history newest first with who started each import, page by page', async () => {
    const all = (await as(api, a).get(url)).json();
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((i: { fileName: string; status: string }) => [i.fileName, i.status])).toEqual([
      ['clients.csv', 'failed'],
      ['contacts-export.csv', 'reverted'],
    ]);
    expect(all.items[1]).toMatchObject({ kind: 'contacts', lines: { created: 2, error: 2 } });
    expect(all.items[1].startedBy).toMatchObject({ email: a.email });
    const first = (await as(api, a).get(`${url}?limit=1`)).json();
    expect(first.items.map((i: { id: string }) => i.id)).toEqual([all.items[0].id]);
    const second = (await as(api, a).get(`${url}?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(second.nextCursor).toBeNull();
  });
});

describe('refusals', () => {
  it('refuses a bad kind or mode, a missing file, fields after the file and a body that is not a form', async () => {
    const before = (await as(api, b).get(url)).json().items.length;
    const file: FormPart = { name: 'file', fileName: 'c.csv', content: FILE };
    const badKind = await upload(b, [{ name: 'kind', value: 'payments' }, file]);
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json()).toMatchObject({ code: 'validation_failed', params: { detail: 'kind: payments' } });
    const badMode = await upload(b, [
      { name: 'kind', value: 'contacts' },
      { name: 'mode', value: 'merge' },
      file,
    ]);
    expect(badMode.json()).toMatchObject({ code: 'validation_failed', params: { detail: 'mode: merge' } });
    const noFile = await upload(b, [{ name: 'kind', value: 'contacts' }]);
    expect(noFile.json()).toMatchObject({ code: 'validation_failed', params: { detail: 'file: required' } });
    const late = await upload(b, [file, { name: 'kind', value: 'contacts' }]);
    expect(late.statusCode).toBe(400);
    expect(late.json().params.detail).toContain('before the file');
    const json = await as(api, b).post(url, { kind: 'contacts' });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('unsupported_media_type');
    expect((await as(api, b).get(url)).json().items).toHaveLength(before);
  });

  it('refuses to preview or apply while a required column has no mapping (422)', async () => {
    const noEmail = csv([
      ['Nom du client', 'Prénom'],
      ['Dupont SA', 'Jean'],
    ]);
    const res = await upload(b, contactsFile(noEmail, 'sans-email.csv'));
    expect(res.statusCode).toBe(201);
    expect(res.json().problems).toEqual([expect.objectContaining({ code: 'missing_required_column' })]);
    for (const step of ['preview', 'apply']) {
      const refused = await as(api, b).post(`${url}/${res.json().id}/${step}`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('mapping_incomplete');
    }
    expect((await as(api, b).get(`${url}/${res.json().id}`)).json().status).toBe('uploaded');
  });

  it('answers 413 when the file is larger than the upload limit', async () => {
    const small = await buildApp({ ctx: api.ctx, cookieSecure: false, maxUploadBytes: 1024 });
    try {
      const res = await upload(b, contactsFile(Buffer.alloc(4096, 'a;b\r\n')), small);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'file_too_large', params: { limit: '1 KB' } });
    } finally {
      await small.close();
    }
  });
});

describe('tenant isolation', () => {
  it('answers 404 to another organization on every import route, and never lists its imports', async () => {
    const routes: [string, string, object?][] = [
      ['GET', ''],
      ['PUT', '/mapping', { mapping: [] }],
      ['POST', '/preview', {}],
      ['POST', '/apply', {}],
      ['POST', '/revert', {}],
      ['GET', '/errors'],
      ['GET', '/error-file'],
      ['GET', '/changes'],
      ['GET', '/file'],
    ];
    for (const [method, suffix, payload] of routes) {
      const res = await api.app.inject({
        method: method as 'GET',
        url: `${url}/${id}${suffix}`,
        headers: { cookie: b.cookie, 'x-csrf-token': b.csrfToken },
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${suffix}`).toBe(404);
      expect(res.json().code).toBe('not_found');
      expect(res.body).not.toContain('Société');
    }
    const ids = (await as(api, b).get(url)).json().items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(id);
  });
});

describe('documentation', () => {
  it('documents every import route in the OpenAPI description under the imports tag', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, { tags?: string[] }>>;
    const documented = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/v1/imports'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [method, path, op.tags]));
    expect(documented).toHaveLength(11);
    expect(documented.every(([, , tags]) => JSON.stringify(tags) === '["imports"]')).toBe(true);
    expect(paths['/api/v1/imports']?.post).toMatchObject({ summary: expect.stringContaining('multipart') });
  });
});
