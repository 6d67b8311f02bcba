import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApi, type Session, signUpAs, type TestApi } from '../helpers/app.ts';
import { csv } from '../helpers/imports.ts';
import { multipartBody } from '../helpers/multipart.ts';

let api: TestApi;
let a: Session;
const url = '/api/v1/imports';

// What French Excel saves: `;`, Windows-1252, dates DD/MM/YYYY, amounts with a decimal comma.
const FILE = Buffer.from(
  csv(
    [
      [
        'N° facture',
        'Client',
        'Adresse mail',
        'Date de facture',
        'Échéance',
        'Montant TTC',
        'Devise',
        'Statut',
      ],
      [
        'F-2025-001',
        'Société Générale',
        'compta@sg.fr',
        '31/01/2025',
        '02/03/2025',
        '1 234,56',
        'EUR',
        'ouverte',
      ],
      ['F-2025-002', 'Société Générale', '', '15/02/2025', '17/03/2025', '99,90', '', 'payée'],
      ['F-2025-003', 'Café Crème', '', '15/02/2025', '01/02/2025', '10', '', ''],
    ],
    ';',
  ),
  'latin1',
);

/** Polls an import until it has a result (the apply runs in the background). */
async function result(s: Session, id: string) {
  for (let i = 0; i < 600; i++) {
    const body = (await as(api, s).get(`${url}/${id}`)).json();
    if (['success', 'error', 'failed'].includes(body.status)) return body;
    await sleep(50);
  }
  throw new Error('the import never finished');
}

beforeAll(async () => {
  api = await createTestApi({ jobs: true });
  a = await signUpAs(api, 'Invoice Imports');
});

describe('an invoices import over HTTP', () => {
  it('uploads an invoices CSV, matches its columns, applies it and shows invoices in the counts and history', async () => {
    const { payload, contentType } = multipartBody([
      { name: 'kind', value: 'invoices' },
      { name: 'file', fileName: 'factures.csv', content: FILE, contentType: 'text/csv' },
    ]);
    const res = await api.app.inject({
      method: 'POST',
      url,
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrfToken, 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      kind: 'invoices',
      status: 'uploaded',
      encoding: 'windows-1252',
      delimiter: ';',
      mapping: [
        'number',
        'customerName',
        'contactEmail',
        'issueDate',
        'dueDate',
        'amount',
        'currency',
        'status',
      ],
      ignoredColumns: [],
      problems: [],
    });

    expect((await as(api, a).post(`${url}/${body.id}/apply`)).statusCode).toBe(202);
    const done = await result(a, body.id);
    expect(done).toMatchObject({
      kind: 'invoices',
      status: 'error',
      lines: { created: 2, updated: 0, unchanged: 0, error: 1, blank: 0 },
      records: {
        customers: { created: 1, updated: 0 },
        contacts: { created: 1, updated: 0 },
        invoices: { created: 2, updated: 0 },
      },
    });
    const errors = (await as(api, a).get(`${url}/${body.id}/errors`)).json();
    expect(errors.items).toEqual([
      expect.objectContaining({ line: 4, column: 'Échéance', code: 'invoice_due_before_issue' }),
    ]);
    const changes = (await as(api, a).get(`${url}/${body.id}/changes`)).json();
    expect(changes.items.map((c: { entity: string; action: string }) => `${c.entity}:${c.action}`)).toEqual([
      'customer:created',
      'contact:created',
      'invoice:created',
      'invoice:created',
    ]);
    const customers = (await as(api, a).get('/api/v1/customers')).json().items;
    expect(customers.map((c: { name: string }) => c.name)).toEqual(['Société Générale']);
  });

  it('serves the invoices template in French', async () => {
    const res = await as(api, a).get('/api/v1/templates/invoices?format=csv&lang=fr');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.toString('utf8')).toContain('Numéro de facture;Nom du client');
  });
});
