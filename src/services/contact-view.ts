import { z } from 'zod';
import type { Contact, Position } from '../storage/schema.ts';

/** A contact as the API, CLI and exports show it. */
export interface ContactView {
  id: string;
  customerId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  reference: string | null;
  positions: Position[];
  isMain: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Presents a contact row. */
export function contactView(c: Contact): ContactView {
  return {
    id: c.id,
    customerId: c.customer_id,
    email: c.email,
    firstName: c.first_name,
    lastName: c.last_name,
    phone: c.phone,
    reference: c.reference,
    positions: c.positions,
    isMain: c.is_main,
    createdAt: c.created_at,
    updatedAt: new Date(c.updated_at),
  };
}

const text = z.string().max(2000).nullable().optional();

/** The body of a contact creation or edit. */
export const contactInput = z.object({
  email: text,
  firstName: text,
  lastName: text,
  phone: text,
  reference: text,
  positions: z
    .array(z.enum(['accounting', 'sales', 'buyer', 'finance']))
    .max(4)
    .optional(),
  isMain: z.boolean().optional(),
});

export type ContactInput = z.infer<typeof contactInput>;
