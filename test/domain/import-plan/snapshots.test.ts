import { describe, expect, it } from 'vitest';
import { contactSnapshot } from '../../../src/domain/import-plan/contacts.ts';
import { customerSnapshot } from '../../../src/domain/import-plan/customers.ts';
import {
  CONTACT_FIELD_BITS,
  type ContactState,
  type CustomerState,
  fieldBits,
} from '../../../src/domain/import-plan/types.ts';

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
