import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Customer, ImportSummary } from '../../../web/src/api/types.ts';
import { download, launchBrowser, newPage, screenshot } from './browser.ts';
import { readCsv, windows1252 } from './files.ts';
import { startWebServer } from './server.ts';
import type { JourneyWords } from './words.ts';

interface Options {
  /** Takes the README's screenshots along the way (one journey does). */
  screenshots?: boolean;
  /** Runs before the customers list is shown, to fill it like a real directory for the screenshots. */
  seed?: (page: Page) => Promise<void>;
}

/** GETs the API as the logged-in browser (same cookies), to check what the screen says against the data. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`/api/v1${path}`);
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/**
 * The journey of a new finance person, in one language: sign up, add a client and a contact, download the
 * template, import a messy contacts file (Windows-1252, one column to map by hand, one bad line), check the
 * preview, validate, read the result and the error file, cancel the import and see its data gone.
 */
export function defineJourney(w: JourneyWords, opts: Options = {}): void {
  describe(`a new user's journey (${w.lang})`, () => {
    let page: Page;
    const shot = (name: string, fullPage = false) =>
      opts.screenshots ? screenshot(page, name, { fullPage }) : Promise.resolve();
    const email = `marie.${w.lang}@example.com`;
    const manual = w.lang === 'fr' ? 'Transports Martin' : 'Hartley & Sons';
    const [, first, second, bad, fourth] = w.file.rows as [string[], string[], string[], string[], string[]];

    beforeAll(async () => {
      const server = await startWebServer();
      const browser = await launchBrowser();
      ({ page } = await newPage(browser, server.baseUrl, w.locale));
    });

    test('signs up and lands on an empty customer list', async () => {
      await page.goto('/');
      await page.getByRole('link', { name: w.signUp.link }).click();
      await page
        .getByLabel(w.signUp.organization)
        .fill(w.lang === 'fr' ? 'Recouvrement Dupont SAS' : 'Acme Receivables Ltd');
      await page.getByLabel(w.signUp.name).fill('Marie Lambert');
      await page.getByLabel(w.signUp.email).fill(email);
      await page.getByLabel(w.signUp.password).fill('correct horse battery');
      await page.getByRole('button', { name: w.signUp.submit }).click();
      await page.getByRole('heading', { name: w.customers.heading, exact: true }).waitFor();
      await page.getByText(w.customers.empty).waitFor();
      const session = await apiGet<{ member: { language: string; email: string } }>(page, '/session');
      expect(session.member).toMatchObject({ email, language: w.lang });
    });

    test('adds a client with its name only, then a contact (the phone error shows under the field)', async () => {
      await page.getByRole('button', { name: w.customers.add }).first().click();
      const modal = page.getByRole('dialog', { name: w.customers.add });
      await modal.getByLabel(w.customers.companyName).fill(manual);
      await modal.getByRole('button', { name: w.customers.addSubmit }).click();
      await page.getByRole('heading', { name: manual }).waitFor();

      await page.getByRole('button', { name: w.contact.add }).click();
      const form = page.getByRole('dialog', { name: w.contact.add });
      await form.getByLabel(w.contact.email).fill('paul.martin@example.com');
      await form.getByLabel(w.contact.firstName).fill('Paul');
      await form.getByLabel(w.contact.lastName).fill('Martin');
      await form.getByLabel(w.contact.phone).fill('12');
      await form.getByText(w.contact.position, { exact: true }).click();
      await form.getByLabel(w.contact.main, { exact: true }).check();
      await form.getByRole('button', { name: w.contact.submit }).click();
      await form.getByText(w.contact.invalidPhone).waitFor();
      await form.getByLabel(w.contact.phone).fill('06 11 22 33 44');
      await form.getByRole('button', { name: w.contact.submit }).click();
      await form.waitFor({ state: 'hidden' });
      const row = page.getByRole('row').filter({ hasText: 'paul.martin@example.com' });
      await row.getByText(w.contact.mainBadge, { exact: true }).waitFor();
      await row.getByText(w.contact.position, { exact: true }).waitFor();

      const list = await apiGet<{ items: Customer[] }>(page, `/customers?q=${encodeURIComponent(manual)}`);
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({
        name: manual,
        contactCount: 1,
        mainContactEmail: 'paul.martin@example.com',
      });
      const contacts = await apiGet<{ items: { phone: string; positions: string[] }[] }>(
        page,
        `/customers/${list.items[0]?.id}/contacts`,
      );
      expect(contacts.items[0]).toMatchObject({ phone: '+33611223344', positions: ['accounting'] });
    });

    test("edits the client's details; the server's message shows under the wrong field", async () => {
      await page.getByRole('button', { name: w.edit.button, exact: true }).click();
      const form = page.getByRole('dialog', { name: w.edit.title });
      await form.getByLabel(w.edit.email, { exact: true }).fill('compta@martin');
      await form.getByLabel(w.edit.address1).fill(w.edit.address[0]);
      await form.getByLabel(w.edit.postalCode).fill(w.edit.address[1]);
      await form.getByLabel(w.edit.city).fill(w.edit.address[2]);
      await form.getByRole('button', { name: w.edit.save }).click();
      await form.getByText(w.invalidEmail).waitFor();
      await form.getByLabel(w.edit.email, { exact: true }).fill('compta@martin.example');
      await form.getByRole('button', { name: w.edit.save }).click();
      await form.waitFor({ state: 'hidden' });
      await page.getByRole('link', { name: 'compta@martin.example' }).waitFor();
      const list = await apiGet<{ items: Customer[] }>(page, `/customers?q=${encodeURIComponent(manual)}`);
      expect(list.items[0]).toMatchObject({
        email: 'compta@martin.example',
        addressLine1: w.edit.address[0],
        postalCode: w.edit.address[1],
        city: w.edit.address[2],
      });
      await shot('customer');
    });

    test('lists the customers, and the list fits a phone screen', async () => {
      if (opts.seed) await opts.seed(page);
      await page.getByRole('link', { name: w.customers.heading, exact: true }).first().click();
      await page.getByRole('cell', { name: manual }).waitFor();
      await shot('customers');
      // A phone opens the page at its size (resizing a desktop window would animate the navigation away).
      await page.setViewportSize({ width: 375, height: 800 });
      try {
        await page.reload();
        await page.getByRole('cell', { name: manual }).waitFor();
        await page
          .getByRole('button', { name: w.lang === 'fr' ? 'Ouvrir le menu' : 'Open the menu' })
          .waitFor();
        await shot('customers-mobile');
        // The table scrolls inside its container; the page itself must not scroll sideways.
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    });

    test('downloads the contacts template in the language of the interface', async () => {
      await page.getByRole('button', { name: w.menu.importData }).click();
      await page.getByRole('menuitem', { name: w.menu.template }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(w.menu.contactsKind, { exact: true }).click();
      const file = await download(page, dialog.getByRole('link', { name: 'CSV' }));
      const csv = readCsv(file.bytes);
      expect(file.name).toMatch(/contacts.*\.csv$/);
      expect(csv.bom).toBe(true);
      expect(csv.lines[0]).toContain(w.templateHeader);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });

    test('uploads the file with the keyboard and fixes the mapping of the column nobody recognised', async () => {
      await page.getByRole('button', { name: w.menu.importData }).click();
      await page.getByRole('menuitem', { name: w.menu.importContacts }).click();
      const dropzone = page.getByRole('button', { name: w.wizard.dropzone });
      // Keyboard only: the drop zone is focusable and Enter opens the file picker.
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), dropzone.press('Enter')]);
      await chooser.setFiles({
        name: w.file.name,
        mimeType: 'text/csv',
        buffer: windows1252(w.file.rows, w.file.delimiter),
      });
      await page.getByText(w.wizard.encoding).waitFor();
      await page.getByText(w.wizard.delimiter).waitFor();
      const unknown = page.getByRole('row').filter({ hasText: w.file.unknownColumn });
      await unknown.getByText(w.wizard.ignored, { exact: true }).waitFor();
      await page.getByRole('textbox', { name: w.wizard.fieldFor(w.file.unknownColumn) }).click();
      await page.getByRole('option', { name: w.wizard.positionField, exact: true }).click();
      await unknown.getByText(w.wizard.ignored, { exact: true }).waitFor({ state: 'hidden' });
      await page.evaluate('window.scrollTo(0, 0)');
      await shot('import-mapping', true);
    });

    test('previews: three contacts to create, one line in error explained, nothing written', async () => {
      await page.getByRole('button', { name: w.wizard.check }).click();
      await page
        .locator('[data-count="created"]', { hasText: w.wizard.toCreate })
        .getByText('3', { exact: true })
        .waitFor();
      await page
        .locator('[data-count="error"]', { hasText: w.wizard.linesInError })
        .getByText('1', { exact: true })
        .waitFor();
      const errorRow = page.locator('tr[data-line="4"]');
      expect(await errorRow.textContent()).toContain(bad[2] ?? '');
      expect(await errorRow.textContent()).toContain(w.invalidEmail);
      expect(await errorRow.textContent()).toContain(w.file.rows[0]?.[2] ?? '');
      const none = await apiGet<{ items: Customer[] }>(
        page,
        `/customers?q=${encodeURIComponent(first[1] ?? '')}`,
      );
      expect(none.items).toHaveLength(0);
      await shot('import-preview');
    });

    test('validates, follows the progress and reads the result pop-up with the line in error', async () => {
      await page.getByRole('button', { name: w.wizard.validate }).click();
      const result = page.getByRole('dialog', { name: w.wizard.resultTitle });
      await result.waitFor({ timeout: 30_000 });
      await result
        .locator('[data-count="created"]', { hasText: w.wizard.created })
        .getByText('3', { exact: true })
        .waitFor();
      await result.locator('[data-count="error"]').getByText('1', { exact: true }).waitFor();
      await result.locator('tr[data-line="4"]').getByText(w.invalidEmail, { exact: false }).waitFor();
      await shot('import-result');

      const contacts = await apiGet<{ items: Customer[] }>(
        page,
        `/customers?q=${encodeURIComponent(first[1] ?? '')}`,
      );
      expect(contacts.items[0]).toMatchObject({ name: first[0], externalId: first[1], contactCount: 2 });
      expect(contacts.items[0]?.mainContactEmail).toBe(first[2]);
      const hand = await apiGet<{ items: { email: string; positions: string[] }[] }>(
        page,
        `/customers/${contacts.items[0]?.id}/contacts`,
      );
      // The column mapped by hand was imported: positions come from it.
      expect(hand.items.find((c) => c.email === second[2])?.positions).toEqual(['buyer']);
      const other = await apiGet<{ items: Customer[] }>(
        page,
        `/customers?q=${encodeURIComponent(fourth[1] ?? '')}`,
      );
      expect(other.items).toHaveLength(1);
      const refused = await apiGet<{ items: Customer[] }>(
        page,
        `/customers?q=${encodeURIComponent(bad[1] ?? '')}`,
      );
      expect(refused.items).toHaveLength(0);
    });

    test('downloads the lines in error to fix them', async () => {
      const result = page.getByRole('dialog', { name: w.wizard.resultTitle });
      const file = await download(page, result.getByRole('link', { name: w.wizard.downloadErrors }));
      const csv = readCsv(file.bytes);
      expect(csv.bom).toBe(true);
      expect(csv.lines).toHaveLength(2);
      expect(csv.lines[0]).toBe([...(w.file.rows[0] ?? []), w.errorColumn].join(w.file.delimiter));
      expect(csv.lines[1]?.startsWith(bad.join(w.file.delimiter))).toBe(true);
      expect(csv.lines[1]).toContain(w.invalidEmail);
    });

    test('cancels the import and sees its data gone, the client added by hand kept', async () => {
      if (opts.screenshots) {
        // This journey cancels from the import's page, after showing it and the history.
        await page.getByRole('dialog').getByRole('link', { name: w.wizard.details }).click();
        await page.getByRole('tab', { name: w.history.dataImported }).click();
        await page.getByRole('cell', { name: '3', exact: true }).first().waitFor();
        await shot('import-detail');
        await page.getByRole('link', { name: w.menu.history, exact: true }).first().click();
        await page.getByRole('link', { name: w.file.name }).waitFor();
        await shot('import-history');
        await page.getByRole('link', { name: w.file.name }).click();
      }
      await page.getByRole('button', { name: w.wizard.cancelImport }).click();
      await page.getByRole('button', { name: w.wizard.confirmCancel }).click();
      await page.getByText(w.wizard.cancelled).waitFor();
      await page.getByText(w.wizard.cancelledCounts).waitFor();

      for (const id of [first[1], fourth[1]]) {
        const gone = await apiGet<{ items: Customer[] }>(
          page,
          `/customers?q=${encodeURIComponent(id ?? '')}`,
        );
        expect(gone.items).toHaveLength(0);
      }
      const kept = await apiGet<{ items: Customer[] }>(page, `/customers?q=${encodeURIComponent(manual)}`);
      expect(kept.items).toHaveLength(1);
      const history = await apiGet<{ items: ImportSummary[] }>(page, '/imports');
      expect(history.items[0]).toMatchObject({ fileName: w.file.name, status: 'reverted' });

      if (!opts.screenshots)
        await page.getByRole('dialog').getByRole('button', { name: w.wizard.close, exact: true }).click();
      await page.getByRole('link', { name: w.menu.history, exact: true }).first().click();
      const row = page.getByRole('row').filter({ hasText: w.file.name });
      await row.getByText(w.history.reverted, { exact: true }).waitFor();
      await page.getByRole('link', { name: w.customers.heading, exact: true }).first().click();
      await page.getByRole('cell', { name: manual }).waitFor();
      expect(await page.getByRole('cell', { name: first[0] ?? '' }).count()).toBe(0);
    });
  });
}
