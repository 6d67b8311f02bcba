import { describe, expect, it } from 'vitest';
import { contactName, type RecipientCandidate, selectRecipients } from '../../src/domain/recipients.ts';

let n = 0;
function contact(over: Partial<RecipientCandidate> = {}): RecipientCandidate {
  n += 1;
  return {
    id: `id-${n}`,
    email: `c${n}@example.com`,
    firstName: null,
    lastName: null,
    positions: [],
    isMain: false,
    ...over,
  };
}

describe('reminder recipients', () => {
  it('prefills every contact whose positions match the step, by email, and not the main contact besides', () => {
    const main = contact({ email: 'main@x.fr', isMain: true });
    const acc = contact({
      email: 'z-acc@x.fr',
      positions: ['accounting'],
      firstName: 'Ana',
      lastName: 'Lopez',
    });
    const fin = contact({ email: 'a-fin@x.fr', positions: ['finance', 'sales'] });
    const buyer = contact({ email: 'buyer@x.fr', positions: ['buyer'] });
    const r = selectRecipients([main, acc, fin, buyer], {
      positions: ['accounting', 'finance'],
      includeMainContact: true,
    });
    expect(r).toEqual({
      recipients: [
        { contactId: fin.id, email: 'a-fin@x.fr', name: null, reason: 'position_match' },
        { contactId: acc.id, email: 'z-acc@x.fr', name: 'Ana Lopez', reason: 'position_match' },
      ],
    });
  });

  it('falls back to the main contact when no position matches and the step includes it', () => {
    const main = contact({ isMain: true, positions: ['sales'], lastName: 'Martin' });
    const r = selectRecipients([contact({ positions: ['buyer'] }), main], {
      positions: ['accounting'],
      includeMainContact: true,
    });
    expect(r).toEqual({
      recipients: [{ contactId: main.id, email: main.email, name: 'Martin', reason: 'main_contact' }],
    });
  });

  it('sends a step without positions to the main contact', () => {
    const main = contact({ isMain: true, positions: ['accounting'] });
    const r = selectRecipients([main, contact({ positions: ['accounting'] })], {
      positions: [],
      includeMainContact: true,
    });
    expect(r.recipients).toEqual([
      { contactId: main.id, email: main.email, name: null, reason: 'main_contact' },
    ]);
  });

  it('does not fall back to the main contact when the step excludes it', () => {
    const r = selectRecipients([contact({ isMain: true })], {
      positions: ['finance'],
      includeMainContact: false,
    });
    expect(r).toEqual({ recipients: [], noRecipient: 'no_recipient_positions' });
  });

  it('says nobody matches and there is no main contact', () => {
    const r = selectRecipients([contact({ positions: ['sales'] })], {
      positions: ['accounting'],
      includeMainContact: true,
    });
    expect(r).toEqual({ recipients: [], noRecipient: 'no_recipient_positions_or_main' });
  });

  it('says the customer has no main contact when the step only goes to it', () => {
    const r = selectRecipients([contact({ positions: ['sales'] })], {
      positions: [],
      includeMainContact: true,
    });
    expect(r).toEqual({ recipients: [], noRecipient: 'no_recipient_main' });
  });

  it('says the customer has no contact at all', () => {
    expect(selectRecipients([], { positions: ['accounting'], includeMainContact: true })).toEqual({
      recipients: [],
      noRecipient: 'no_recipient_no_contacts',
    });
  });

  it('says the step itself reaches nobody when it names no position and excludes the main contact', () => {
    const r = selectRecipients([contact({ isMain: true, positions: ['accounting'] })], {
      positions: [],
      includeMainContact: false,
    });
    expect(r).toEqual({ recipients: [], noRecipient: 'no_recipient_empty_step' });
  });

  it('names a contact by first and last name, or not at all', () => {
    expect(contactName({ firstName: 'Ana', lastName: null })).toBe('Ana');
    expect(contactName({ firstName: ' ', lastName: '' })).toBeNull();
  });
});
