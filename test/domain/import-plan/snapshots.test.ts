import { describe, expect, it } from 'vitest';
import { contactSnapshot, planContactLine } from '../../../src/domain/import-plan/contacts.ts';
import { customerSnapshot, planCustomerLine } from '../../../src/domain/import-plan/customers.ts';
import { planInvoiceLine } from '../../../src/domain/import-plan/invoices.ts';
import {
  CONTACT_FIELD_BITS,
  type ContactState,
  type CustomerState,
  fieldBits,
  type LineOutcome,
  SNAPSHOT_NOT_KEPT,
} from '../../../src/domain/import-plan/types.ts';
import { WorkingSet } from '../../../src/domain/import-plan/working-set.ts';

// A created record's change-log entry: its stored fields, without bookkeeping, without empty values.
describe('snapshots of created records', () => {
  it('a contact: its customer first, then its fields in order, nulls and no positions left out', () => {
    const c: ContactState = {
      id: 'c1',
      customerId: 'k1',
      email: 'jean@sg.fr',
      firstName: 'Jean',
      lastName: null,
      phone: '+33612345678',
      reference: null,
      positions: [],
      isMain: false,
      isNew: true,
      dirty: true,
      changed: fieldBits(CONTACT_FIELD_BITS, ['firstName']),
    };
    const snapshot = contactSnapshot(c);
    expect(snapshot).toEqual({
      customerId: 'k1',
      email: 'jean@sg.fr',
      firstName: 'Jean',
      phone: '+33612345678',
      isMain: false,
    });
    expect(Object.keys(snapshot)).toEqual(['customerId', 'email', 'firstName', 'phone', 'isMain']);
    expect(contactSnapshot({ ...c, positions: ['finance', 'sales'], isMain: true })).toMatchObject({
      positions: ['finance', 'sales'],
      isMain: true,
    });
  });

  it('a customer: its fields in order, nulls, the matching key and where it came from left out', () => {
    const c: CustomerState = {
      id: 'k1',
      nameKey: 'societe generale',
      isNew: true,
      dirty: true,
      changed: 0,
      source: 'invoice',
      name: 'Société Générale',
      externalId: 'SG-1',
      email: null,
      phone: null,
      addressLine1: null,
      addressLine2: null,
      postalCode: '75009',
      city: 'Paris',
      country: 'FR',
      vatNumber: null,
      accountManagerId: null,
      dunningPlanId: 'p1',
    };
    const snapshot = customerSnapshot(c);
    expect(Object.entries(snapshot)).toEqual([
      ['name', 'Société Générale'],
      ['externalId', 'SG-1'],
      ['postalCode', '75009'],
      ['city', 'Paris'],
      ['country', 'FR'],
      ['dunningPlanId', 'p1'],
    ]);
  });
});

// A preview keeps no change log: its lines count what they create without snapshotting it; an apply's keep them.
describe('created records when the changes are not kept', () => {
  let n = 0;
  const newId = () => `id-${++n}`;
  const contactLine = {
    customerName: 'Acme',
    customerNameKey: 'acme',
    customerExternalId: 'A-1',
    email: 'ann@acme.fr',
    firstName: 'Ann',
  };
  const plan = (keepChanges: boolean) => ({
    contact: planContactLine(new WorkingSet(), contactLine, {
      mode: 'create_update',
      newId,
      line: 2,
      mainLines: new Map(),
      keepChanges,
    }),
    customer: planCustomerLine(
      new WorkingSet(),
      { name: 'Acme', customerNameKey: 'acme', city: 'Lyon' },
      {
        mode: 'create_update',
        refs: { membersByEmail: new Map(), plansByKey: new Map() },
        newId,
        raw: {},
        keepChanges,
      },
    ),
    invoice: planInvoiceLine(
      new WorkingSet(),
      {
        number: 'F-1',
        customerName: 'Acme',
        customerNameKey: 'acme',
        contactEmail: 'ann@acme.fr',
        issueDate: '2026-11-02',
        dueDate: '2026-12-02',
        amount: '10.00',
      },
      { mode: 'create_update', newId, raw: {}, keepChanges },
    ),
  });
  const changesOf = (outcome: LineOutcome) => (outcome.status === 'error' ? [] : outcome.changes);

  it('kept: each created record has its snapshot', () => {
    const kept = plan(true);
    expect(changesOf(kept.contact).map((c) => [c.entity, c.after])).toEqual([
      ['customer', { name: 'Acme', externalId: 'A-1' }],
      ['contact', expect.objectContaining({ email: 'ann@acme.fr', firstName: 'Ann' })],
    ]);
    expect(changesOf(kept.customer).map((c) => c.after)).toEqual([{ name: 'Acme', city: 'Lyon' }]);
    expect(changesOf(kept.invoice).map((c) => [c.entity, Object.keys(c.after).length > 0])).toEqual([
      ['customer', true],
      ['contact', true],
      ['invoice', true],
    ]);
  });

  it('not kept: the same lines, statuses and changes, every snapshot the shared empty one', () => {
    const kept = plan(true);
    const counted = plan(false);
    for (const kind of ['contact', 'customer', 'invoice'] as const) {
      expect(counted[kind].status).toBe('created');
      expect(counted[kind].status).toBe(kept[kind].status);
      const changes = changesOf(counted[kind]);
      expect(changes.map((c) => [c.entity, c.action])).toEqual(
        changesOf(kept[kind]).map((c) => [c.entity, c.action]),
      );
      for (const c of changes) expect(c.after).toBe(SNAPSHOT_NOT_KEPT);
    }
    expect(Object.isFrozen(SNAPSHOT_NOT_KEPT)).toBe(true);
  });
});
