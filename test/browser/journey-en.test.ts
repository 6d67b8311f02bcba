import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ImportSummary } from '../../web/src/api/types.ts';
import { defineJourney } from './helpers/journey.ts';
import { EN } from './helpers/words-en.ts';

// A directory as a team would have it after its first imports, for the screenshots: two files imported through
// the API (so the history has entries too), then the journey runs on top.
const CUSTOMERS = [
  ['Name', 'External ID', 'City', 'Country', 'Email'],
  ['Alder & Finch Logistics', 'AF-1001', 'Leeds', 'GB', 'accounts@alderfinch.example'],
  ['Bellweather Foods', 'BF-1002', 'Bristol', 'GB', 'ap@bellweather.example'],
  ['Carrow Engineering', 'CE-1003', 'Norwich', 'GB', ''],
  ['Dunmore Textiles', 'DT-1004', 'Glasgow', 'GB', 'finance@dunmore.example'],
  ['Elmstead Dental Group', 'ED-1005', 'Colchester', 'GB', ''],
  ['Fairhaven Marine', 'FM-1006', 'Plymouth', 'GB', ''],
  ['Greywell Architects', 'GA-1007', 'London', 'GB', 'office@greywell.example'],
  ['Holloway Print Works', 'HP-1008', 'Manchester', 'GB', ''],
  ['Ivybridge Garden Centre', 'IG-1009', 'Exeter', 'GB', ''],
  ['Juniper Analytics', 'JA-1010', 'Cambridge', 'GB', 'ap@juniper.example'],
];
const CONTACTS = [
  ['Customer external ID', 'Email', 'Main contact', 'First name', 'Last name', 'Position'],
  ['AF-1001', 'dana.reed@alderfinch.example', '1', 'Dana', 'Reed', 'Accounting'],
  ['BF-1002', 'sam.okafor@bellweather.example', '1', 'Sam', 'Okafor', 'Finance'],
  ['DT-1004', 'isla.grant@dunmore.example', '1', 'Isla', 'Grant', 'Accounting'],
  ['GA-1007', 'tom.hale@greywell.example', '1', 'Tom', 'Hale', 'Buyer'],
  ['JA-1010', 'priya.nair@juniper.example', '1', 'Priya', 'Nair', 'Accounting, Finance'],
  ['JA-1010', 'leo.park@juniper.example', '', 'Leo', 'Park', 'Sales'],
];

async function importThroughApi(page: Page, kind: string, fileName: string, rows: string[][]): Promise<void> {
  const session = await (await page.request.get('/api/v1/session')).json();
  const headers = { 'x-csrf-token': session.csrfToken as string };
  const csv = `${rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n')}\r\n`;
  const upload = await page.request.post('/api/v1/imports', {
    headers,
    multipart: { kind, file: { name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const { id } = (await upload.json()) as ImportSummary;
  expect((await page.request.post(`/api/v1/imports/${id}/apply`, { headers })).status()).toBe(202);
  for (;;) {
    const imp = (await (await page.request.get(`/api/v1/imports/${id}`)).json()) as ImportSummary;
    if (imp.status === 'success') return;
    expect(['queued', 'applying']).toContain(imp.status);
    await page.waitForTimeout(200);
  }
}

async function seedDirectory(page: Page): Promise<void> {
  await importThroughApi(page, 'customers', 'erp-customers.csv', CUSTOMERS);
  await importThroughApi(page, 'contacts', 'erp-contacts.csv', CONTACTS);
}

// The same journey in English (comma-separated, still Windows-1252), taking the README's screenshots.
defineJourney(EN, { screenshots: true, seed: seedDirectory });
