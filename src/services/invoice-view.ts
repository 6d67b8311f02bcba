import type { Invoice } from '../storage/schema.ts';

/** An invoice as the API shows it. */
export interface InvoiceView {
  id: string;
  number: string;
  customerId: string;
  issueDate: string;
  dueDate: string;
  amount: string;
  currency: string;
  status: 'open' | 'paid' | 'cancelled';
  createdAt: Date;
  updatedAt: Date;
}

/** Presents an invoice row (dates stay YYYY-MM-DD, the amount an exact decimal string). */
export function invoiceView(i: Invoice): InvoiceView {
  return {
    id: i.id,
    number: i.number,
    customerId: i.customer_id,
    issueDate: i.issue_date,
    dueDate: i.due_date,
    amount: i.amount,
    currency: i.currency,
    status: i.status,
    createdAt: i.created_at,
    updatedAt: new Date(i.updated_at),
  };
}
