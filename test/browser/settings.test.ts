import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Customer, DunningPlan, Session } from '../../web/src/api/types.ts';
import { launchBrowser, newPage } from './helpers/browser.ts';
import { startWebServer } from './helpers/server.ts';

/** GETs the API as the logged-in browser. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`/api/v1${path}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as T;
}

// What an admin sets up around the customers: dunning plans and their assignment, API keys, colleagues,
// their own profile, notifications, and logging out and in again.
describe('an admin sets up the organization (en)', () => {
  let page: Page;
  let baseUrl: string;
  let newContext: () => Promise<Page>;

  beforeAll(async () => {
    const server = await startWebServer();
    const browser = await launchBrowser();
    baseUrl = server.baseUrl;
    ({ page } = await newPage(browser, baseUrl, 'en-GB'));
    newContext = async () => (await newPage(browser, baseUrl, 'en-GB')).page;
    const res = await page.request.post('/api/v1/auth/sign-up', {
      data: {
        organizationName: 'Northfield Collections',
        name: 'Ada Shaw',
        email: 'ada@northfield.example',
        password: 'correct horse battery',
        language: 'en',
      },
    });
    expect(res.status()).toBe(201);
  });

  test('creates a dunning plan with two steps', async () => {
    await page.goto('/dunning-plans');
    await page.getByRole('button', { name: 'New plan' }).click();
    const form = page.getByRole('dialog', { name: 'New dunning plan' });
    await form.getByLabel('Name').fill('Standard');
    await form.getByLabel('Days from due date').fill('-5');
    await form.getByRole('button', { name: 'Add a step' }).click();
    await form.getByLabel('Days from due date').nth(1).fill('10');
    await form.getByRole('textbox', { name: 'Positions' }).nth(1).click();
    await page.getByRole('option', { name: 'Accounting' }).click();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByText('5 days before the due date').waitFor();
    await page.getByText('10 days after the due date').waitFor();
    const plans = await apiGet<{ items: DunningPlan[] }>(page, '/dunning-plans');
    expect(plans.items[0]?.steps).toMatchObject([
      { daysFromDue: -5, positions: [], includeMainContact: true },
      { daysFromDue: 10, positions: ['accounting'], includeMainContact: true },
    ]);
  });

  test("picks the customer's account manager and dunning plan", async () => {
    const session = await apiGet<Session>(page, '/session');
    const created = await page.request.post('/api/v1/customers', {
      headers: { 'x-csrf-token': session.csrfToken ?? '' },
      data: { name: 'Quayside Fisheries' },
    });
    const { id } = (await created.json()) as Customer;
    await page.goto(`/customers/${id}`);
    await page.getByRole('textbox', { name: 'Account manager' }).click();
    await page.getByRole('option', { name: 'Ada Shaw (ada@northfield.example)' }).click();
    await page.getByText('Saved.').first().waitFor();
    await page.getByRole('textbox', { name: 'Dunning plan' }).click();
    await page.getByRole('option', { name: 'Standard' }).click();
    await expect
      .poll(async () => (await apiGet<Customer>(page, `/customers/${id}`)).dunningPlan?.name)
      .toBe('Standard');
    const customer = await apiGet<Customer>(page, `/customers/${id}`);
    expect(customer.accountManager?.email).toBe('ada@northfield.example');
  });

  test('creates an API key, shown once, that works', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Create an API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('ERP nightly sync');
    await dialog.getByRole('button', { name: 'Create an API key' }).click();
    await dialog.getByText('Copy this key now: it will not be shown again.').waitFor();
    await dialog.getByRole('button', { name: 'Copy' }).waitFor();
    const key = await dialog.getByRole('textbox', { name: 'Key' }).inputValue();
    expect(key).toMatch(/^clt_/);
    const res = await page.request.get('/api/v1/customers', { headers: { authorization: `Bearer ${key}` } });
    expect(res.status()).toBe(200);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('cell', { name: 'ERP nightly sync' }).waitFor();
  });

  test('invites a colleague, who joins through the link', async () => {
    await page.getByRole('link', { name: 'Organization' }).click();
    await page.getByLabel('Email of the person to invite').fill('ben@northfield.example');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await page.getByText('ben@northfield.example is invited').waitFor();
    const link = await page.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    const ben = await newContext();
    await ben.goto(new URL(link).pathname);
    await ben.getByLabel('Your name').fill('Ben Cole');
    await ben.getByLabel('Password').fill('another good password');
    await ben.getByRole('button', { name: 'Join the organization' }).click();
    await ben.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
    await ben.getByRole('cell', { name: 'Quayside Fisheries' }).waitFor();
  });

  test('opens the audit log from the organization page: the plan created and who joined are there', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    const rows = page.getByRole('table', { name: 'Audit log' }).getByRole('row');
    await rows.filter({ hasText: 'Dunning plan created' }).filter({ hasText: 'Standard' }).waitFor();
    await rows
      .filter({ hasText: 'Invitation accepted' })
      .filter({ hasText: 'ben@northfield.example' })
      .waitFor();
  });

  test('switches the profile to French and turns off email notifications, both saved', async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByText('Français').click();
    await page.getByRole('heading', { name: 'Votre profil' }).waitFor();
    await page.getByLabel('Par e-mail').uncheck({ force: true });
    await page.getByText('Profil enregistré.').first().waitFor();
    const session = await apiGet<Session>(page, '/session');
    expect(session.member).toMatchObject({ language: 'fr', notifications: { email: false, inApp: true } });
  });

  test('shows the notification of an ended import in the bell, and opens the import', async () => {
    const session = await apiGet<Session>(page, '/session');
    const headers = { 'x-csrf-token': session.csrfToken ?? '' };
    const upload = await page.request.post('/api/v1/imports', {
      headers,
      multipart: {
        kind: 'customers',
        file: {
          name: 'clients.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from('Nom du client\r\nMarée Haute\r\n'),
        },
      },
    });
    const { id } = await upload.json();
    expect((await page.request.post(`/api/v1/imports/${id}/apply`, { headers })).status()).toBe(202);
    await expect
      .poll(async () => (await apiGet<{ unreadCount: number }>(page, '/notifications')).unreadCount, {
        timeout: 20_000,
      })
      .toBe(1);
    await page.reload();
    await page.getByRole('button', { name: 'Notifications, 1 non lue' }).click();
    await page.getByRole('dialog', { name: 'Notifications' }).getByRole('button').last().click();
    await page.waitForURL(`**/imports/${id}`);
    await page.getByRole('heading', { name: 'clients.csv' }).waitFor();
  });

  test('logs out and in again', async () => {
    await page.getByRole('button', { name: /^Compte de/ }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion à Clientele' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill('ada@northfield.example');
    await page.getByLabel('Mot de passe').fill('correct horse battery');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByRole('heading', { name: 'Clients', exact: true }).waitFor();
  });
});
