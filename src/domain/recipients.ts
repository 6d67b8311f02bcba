import type { Position } from './values/positions.ts';

/**
 * Who a reminder step goes to for one customer (PRODUCT.md, "Dunning plan"): the contacts whose positions match
 * the step's; when none match (or the step names none) and the step includes the main contact, the main
 * contact. Pure: the caller loads the customer's contacts and the step.
 */

/** A contact as the selection needs it. */
export interface RecipientCandidate {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  positions: readonly Position[];
  isMain: boolean;
}

/** The part of a plan step that chooses recipients. */
export interface RecipientRule {
  positions: readonly Position[];
  includeMainContact: boolean;
}

/** One prefilled recipient and why it was chosen. */
export interface Recipient {
  contactId: string;
  email: string;
  name: string | null;
  reason: 'position_match' | 'main_contact';
}

/** Why nobody is prefilled, each with its message code (src/domain/messages/settings.ts). */
export type NoRecipientCode =
  | 'no_recipient_no_contacts'
  | 'no_recipient_positions_or_main'
  | 'no_recipient_positions'
  | 'no_recipient_main'
  | 'no_recipient_empty_step';

/** The selection: recipients, or none with the code of the reason and what to do. */
export type RecipientSelection =
  | { recipients: Recipient[]; noRecipient?: undefined }
  | { recipients: []; noRecipient: NoRecipientCode };

/** A contact's display name, or null when it has neither first nor last name. */
export function contactName(c: Pick<RecipientCandidate, 'firstName' | 'lastName'>): string | null {
  const name = [c.firstName, c.lastName].filter((s) => s && s.trim() !== '').join(' ');
  return name === '' ? null : name;
}

/** Selects the recipients of one step among a customer's contacts (order: by email, for a stable list). */
export function selectRecipients(
  contacts: readonly RecipientCandidate[],
  step: RecipientRule,
): RecipientSelection {
  const sorted = [...contacts].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  const matching = sorted.filter((c) => c.positions.some((p) => step.positions.includes(p)));
  if (matching.length > 0) return { recipients: matching.map((c) => recipient(c, 'position_match')) };
  const main = step.includeMainContact ? sorted.find((c) => c.isMain) : undefined;
  if (main) return { recipients: [recipient(main, 'main_contact')] };
  return { recipients: [], noRecipient: whyNobody(contacts.length, step) };
}

function recipient(c: RecipientCandidate, reason: Recipient['reason']): Recipient {
  return { contactId: c.id, email: c.email, name: contactName(c), reason };
}

// The message must tell the person what to change: the contacts (positions, main contact) or the step itself.
function whyNobody(contactCount: number, step: RecipientRule): NoRecipientCode {
  const hasPositions = step.positions.length > 0;
  if (!hasPositions && !step.includeMainContact) return 'no_recipient_empty_step';
  if (contactCount === 0) return 'no_recipient_no_contacts';
  if (hasPositions && step.includeMainContact) return 'no_recipient_positions_or_main';
  return hasPositions ? 'no_recipient_positions' : 'no_recipient_main';
}
