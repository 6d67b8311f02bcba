import type { CustomerListRow } from '../storage/customers.ts';

/** A customer as the API, CLI and exports show it. */
export interface CustomerView {
  id: string;
  name: string;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  vatNumber: string | null;
  accountManager: { id: string; email: string | null } | null;
  dunningPlan: { id: string; name: string | null } | null;
  source: string;
  contactCount: number;
  mainContactEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Presents a customer row. */
export function customerView(c: CustomerListRow): CustomerView {
  return {
    id: c.id,
    name: c.name,
    externalId: c.external_id,
    email: c.email,
    phone: c.phone,
    addressLine1: c.address_line1,
    addressLine2: c.address_line2,
    postalCode: c.postal_code,
    city: c.city,
    country: c.country,
    vatNumber: c.vat_number,
    accountManager: c.account_manager_id
      ? { id: c.account_manager_id, email: c.account_manager_email }
      : null,
    dunningPlan: c.dunning_plan_id ? { id: c.dunning_plan_id, name: c.dunning_plan_name } : null,
    source: c.source,
    contactCount: Number(c.contact_count ?? 0),
    mainContactEmail: c.main_contact_email,
    createdAt: c.created_at,
    updatedAt: new Date(c.updated_at),
  };
}
