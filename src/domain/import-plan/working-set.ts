import type { ContactState, CustomerState, InvoiceState } from './types.ts';

/**
 * The records a batch of lines reads and changes, indexed the ways lines find them. Lines are planned one by one
 * against it, in file order, so a later line sees what an earlier one did, exactly as if they ran one by one.
 */
export class WorkingSet {
  private readonly customersById = new Map<string, CustomerState>();
  private readonly customersByExternalId = new Map<string, CustomerState>();
  private readonly customersByNameKey = new Map<string, CustomerState>();
  // By customer, then email: a key made of both was a new string to build and hash at every lookup (two per line
  // of a contacts file), twice what the two lookups cost in a re-import's profile.
  private readonly contactsByCustomer = new Map<string, Map<string, ContactState>>();
  private readonly mainByCustomer = new Map<string, ContactState>();
  private readonly invoicesByNumber = new Map<string, InvoiceState>();

  /** Adds a customer as loaded from the database or created by a line. */
  addCustomer(c: CustomerState): void {
    this.customersById.set(c.id, c);
    if (c.externalId !== null) this.customersByExternalId.set(c.externalId, c);
    this.customersByNameKey.set(c.nameKey, c);
  }

  /** Adds a contact as loaded from the database or created by a line. */
  addContact(c: ContactState): void {
    let byEmail = this.contactsByCustomer.get(c.customerId);
    if (byEmail === undefined) {
      byEmail = new Map();
      this.contactsByCustomer.set(c.customerId, byEmail);
    }
    byEmail.set(c.email, c);
    if (c.isMain) this.mainByCustomer.set(c.customerId, c);
  }

  /** The customer with this external ID. */
  customerByExternalId(externalId: string): CustomerState | undefined {
    return this.customersByExternalId.get(externalId);
  }

  /** The customer with this name key. */
  customerByNameKey(key: string): CustomerState | undefined {
    return this.customersByNameKey.get(key);
  }

  /** Records a customer's new external ID or name in the indexes. */
  reindexCustomer(c: CustomerState, previous: { externalId: string | null; nameKey: string }): void {
    if (previous.externalId !== null && previous.externalId !== c.externalId) {
      this.customersByExternalId.delete(previous.externalId);
    }
    if (c.externalId !== null) this.customersByExternalId.set(c.externalId, c);
    if (previous.nameKey !== c.nameKey) this.customersByNameKey.delete(previous.nameKey);
    this.customersByNameKey.set(c.nameKey, c);
  }

  /** The contact of a customer with this email. */
  contact(customerId: string, email: string): ContactState | undefined {
    return this.contactsByCustomer.get(customerId)?.get(email);
  }

  /** The customer's main contact, if any. */
  mainContact(customerId: string): ContactState | undefined {
    return this.mainByCustomer.get(customerId);
  }

  /** Makes a contact its customer's main contact (the caller has cleared the previous one). */
  setMain(c: ContactState): void {
    this.mainByCustomer.set(c.customerId, c);
  }

  /** Forgets the customer's main contact. */
  clearMain(customerId: string): void {
    this.mainByCustomer.delete(customerId);
  }

  /** Every customer created or changed since the last flush. */
  dirtyCustomers(): CustomerState[] {
    return [...this.customersById.values()].filter((c) => c.dirty);
  }

  /** Adds an invoice as loaded from the database or created by a line. */
  addInvoice(i: InvoiceState): void {
    this.invoicesByNumber.set(i.number, i);
  }

  /** The invoice with this number. */
  invoice(number: string): InvoiceState | undefined {
    return this.invoicesByNumber.get(number);
  }

  /** Every invoice created or changed since the last flush. */
  dirtyInvoices(): InvoiceState[] {
    return [...this.invoicesByNumber.values()].filter((i) => i.dirty);
  }

  /** Every contact created or changed since the last flush. */
  dirtyContacts(): ContactState[] {
    const dirty: ContactState[] = [];
    for (const byEmail of this.contactsByCustomer.values()) {
      for (const c of byEmail.values()) if (c.dirty) dirty.push(c);
    }
    return dirty;
  }
}
