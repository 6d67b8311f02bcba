import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import type { Customer, Session } from '../../web/src/api/types.ts';
import { launchBrowser, newPage } from './helpers/browser.ts';
import { startWebServer } from './helpers/server.ts';

// What the organization's settings change in the app (source system, feature access), the data-quality panel
// of the customer list, and a customer's invoices with its open balance.
describe('an admin sets the organization up and follows its customers (en)', () => {
  let page: Page;
  let ctx: ServiceContext;
  let orgId: string;
  let csrf: string;

  /** Calls the API as the logged-in browser (same cookies, the session's CSRF token on writes). */
  async function apiCall<T>(method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown): Promise<T> {
    const res = await page.request.fetch(`/api/v1${path}`, {
      method,
      headers: { 'x-csrf-token': csrf },
      ...(data === undefined ? {} : { data }),
    });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return (await res.json()) as T;
  }

  const newCustomer = (name: string) => apiCall<Customer>('POST', '/customers', { name });

  beforeAll(async () => {
    const server = await startWebServer();
    const browser = await launchBrowser();
    ctx = server.api.ctx;
    ({ page } = await newPage(browser, server.baseUrl, 'en-GB'));
    const res = await page.request.post('/api/v1/auth/sign-up', {
      data: {
        organizationName: 'Harbour Credit',
        name: 'Iris Webb',
        email: 'iris@harbour.example',
        password: 'correct horse battery',
        language: 'en',
      },
    });
    expect(res.status()).toBe(201);
    orgId = ((await res.json()) as { organizationId: string }).organizationId;
    csrf = (await apiCall<Session>('GET', '/session')).csrfToken ?? '';
  });

  test('changes the source system and locks customers: only the assignment import is offered', async () => {
    await page.goto('/organization');
    await page.getByRole('radio', { name: 'Salesforce + API' }).check();
    await page.getByText('files set positions (if your API setup allows) and main contact').waitFor();
    await page.getByLabel('Customers updatable by files').uncheck({ force: true });
    // A refused field shows the server's message under it.
    await page.getByLabel('Slack webhook URL').fill('http://hooks.example.com/x');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expect.poll(() => page.getByLabel('Slack webhook URL').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Slack webhook URL').fill('https://hooks.slack.com/services/T000/B000/XXXX');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page.getByText('Settings saved.').first().waitFor();
    await page.getByText('Configured', { exact: true }).waitFor();
    const org = await apiCall<Record<string, unknown>>('GET', '/organization');
    expect(org).toMatchObject({
      sourceSystem: 'salesforce_api',
      customersUpdatableByFiles: false,
      slackWebhookConfigured: true,
    });
    // The settings fit a phone screen. A phone opens the page at its size: measured right after resizing a
    // desktop window, the navigation is still sliding away and the page was seen 382 px wide for a moment.
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await page.reload();
      await page.getByRole('button', { name: 'Open the menu' }).waitFor();
      await page.getByRole('radio', { name: 'Salesforce + API' }).waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    await page.getByRole('link', { name: 'Customers', exact: true }).first().click();
    await page.getByRole('button', { name: 'Import data' }).click();
    await page.getByRole('menuitem', { name: 'Import customer assignment' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Import clients' }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  test('contact import off: requests access, then sees it requested', async () => {
    await ctx.system.pool.query(
      "delete from feature_flags where organization_id = $1 and flag = 'contact-import'",
      [orgId],
    );
    await page.goto('/customers');
    await page.getByRole('button', { name: 'Import data' }).click();
    await page.getByRole('menuitem', { name: 'Import contacts' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import contacts' });
    await dialog.getByText('Contact import is turned off for your organization.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Request access' }).click();
    await dialog.getByText('Access requested', { exact: false }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Request access' }).count()).toBe(0);
    const org = await apiCall<{ pendingFeatureRequests: { flag: string }[] }>('GET', '/organization');
    expect(org.pendingFeatureRequests.map((r) => r.flag)).toEqual(['contact-import']);
    await dialog.getByRole('button', { name: 'Close' }).first().click();
  });

  test('the data-quality panel counts the problems and its link filters the list', async () => {
    await newCustomer('Alpine Dairy');
    const birch = await newCustomer('Birch Timber');
    const cobalt = await newCustomer('Cobalt Mining');
    await apiCall('POST', `/customers/${birch.id}/contacts`, {
      email: 'ana@birch.example',
      isMain: true,
      positions: ['accounting'],
    });
    await apiCall('POST', `/customers/${cobalt.id}/contacts`, { email: 'tom@cobalt.example', isMain: false });
    await apiCall('POST', `/customers/${cobalt.id}/contacts`, {
      email: 'eva@cobalt.example',
      isMain: false,
      positions: ['sales'],
    });

    await page.goto('/customers');
    const panel = page.getByRole('region', { name: 'Data quality' });
    await panel.getByRole('link', { name: 'Clients without contact: 1, show them' }).waitFor();
    await panel.getByRole('link', { name: 'Clients without main contact: 2, show them' }).waitFor();
    await panel.getByRole('link', { name: 'Contacts without position: 1, show them' }).waitFor();
    await panel.getByText('(at 1 client)').waitFor();

    await panel.getByRole('link', { name: 'Clients without main contact: 2, show them' }).click();
    await page.waitForURL('**/customers?withoutMainContact=true');
    // The previous list stays on screen until the filtered one arrives.
    await expect.poll(() => page.getByRole('cell', { name: 'Birch Timber' }).count()).toBe(0);
    await page.getByRole('cell', { name: 'Cobalt Mining' }).waitFor();
    await page.getByRole('cell', { name: 'Alpine Dairy' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Without main contact' }).isChecked()).toBe(true);

    await panel.getByRole('link', { name: 'Contacts without position: 1, show them' }).click();
    await page.waitForURL('**/customers?withContactWithoutPosition=true');
    await expect.poll(() => page.getByRole('cell', { name: 'Alpine Dairy' }).count()).toBe(0);
    await page.getByRole('cell', { name: 'Cobalt Mining' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Contact without position' }).isChecked()).toBe(true);
  });

  test("shows a customer's invoices and open balance, in the member's language", async () => {
    const quay = await newCustomer('Quayside Fisheries');
    const invoice = (number: string, amount: string, currency: string, status: string) =>
      apiCall('POST', '/invoices', {
        number,
        customer: { id: quay.id },
        issueDate: '2026-03-02',
        dueDate: '2026-04-01',
        amount,
        currency,
        status,
      });
    await invoice('INV-001', '1250.50', 'EUR', 'open');
    await invoice('INV-002', '300.00', 'EUR', 'paid');
    await invoice('INV-003', '99.90', 'GBP', 'open');

    await page.goto(`/customers/${quay.id}`);
    const card = page.getByRole('region', { name: 'Invoices' });
    const row = card.getByRole('row').filter({ hasText: 'INV-001' });
    await row.getByText('€1,250.50').waitFor();
    await row.getByText('Open', { exact: true }).waitFor();
    await row.getByText('2 Mar 2026').waitFor();
    await card.getByRole('row').filter({ hasText: 'INV-002' }).getByText('Paid', { exact: true }).waitFor();
    const balance = card.getByLabel('Open balance');
    await balance.getByText('€1,250.50').waitFor();
    await balance.getByText('£99.90').waitFor();
    expect(await balance.getByText('(1 open invoice)').count()).toBe(2);

    // In French, the same amounts read the French way; a customer without invoices says so.
    await apiCall('PATCH', '/members/me', { language: 'fr' });
    await page.reload();
    const fr = page.getByRole('region', { name: 'Factures' });
    await fr
      .getByLabel('Solde ouvert')
      .getByText(/1\s250,50\s€/)
      .waitFor();
    await fr.getByText('Payée', { exact: true }).waitFor();
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await page.reload();
      await page.getByRole('region', { name: 'Factures' }).getByText('INV-001').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    const alpine = (await apiCall<{ items: Customer[] }>('GET', '/customers?q=Alpine')).items[0];
    await page.goto(`/customers/${alpine?.id}`);
    await page.getByText('Aucune facture pour ce client.', { exact: false }).waitFor();
  });
});
