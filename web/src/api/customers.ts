import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from './client.ts';
import type { Contact, ContactInput, Customer, CustomerInput, Page } from './types.ts';

/** One invoice of a customer. */
export interface Invoice {
  id: string;
  number: string;
  customerId: string;
  issueDate: string;
  dueDate: string;
  amount: string;
  currency: string;
  status: 'open' | 'paid' | 'cancelled';
}

/** What a customer still owes in one currency. */
export interface OpenBalance {
  currency: string;
  amount: string;
  openInvoices: number;
}

/** A count of the data-quality summary, with the list filters that show those customers. */
export interface QualityCount {
  count: number;
  customersQuery: Record<string, string> | null;
}

export interface DataQuality {
  customersWithoutContact: QualityCount;
  customersWithoutMainContact: QualityCount;
  contactsWithoutPosition: QualityCount & { customers: number };
}

export interface CustomerListParams {
  q?: string;
  sort: 'name' | 'createdAt' | 'updatedAt';
  order: 'asc' | 'desc';
  cursor?: string;
  withoutContacts?: boolean;
  withoutMainContact?: boolean;
  withContactWithoutPosition?: boolean;
  limit?: number;
}

/** One page of the customer list (the previous page stays on screen while the next one loads). */
export function useCustomerPage(params: CustomerListParams) {
  return useQuery({
    queryKey: ['customers', 'list', params],
    queryFn: ({ signal }) => api<Page<Customer>>(`/customers${query({ limit: 50, ...params })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** One customer. */
export function useCustomer(id: string) {
  return useQuery({ queryKey: ['customers', id], queryFn: () => api<Customer>(`/customers/${id}`) });
}

/** Creates a customer (a name is enough). */
export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomerInput) => api<Customer>('/customers', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['customers'] }),
  });
}

/** Edits a customer: given fields are set, null clears them. */
export function useUpdateCustomer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomerInput) => api<Customer>(`/customers/${id}`, { method: 'PATCH', body: input }),
    onSuccess: (c) => {
      qc.setQueryData(['customers', id], c);
      void qc.invalidateQueries({ queryKey: ['customers', 'list'] });
    },
  });
}

/** Deletes a customer with its contacts. */
export function useDeleteCustomer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/customers/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: ['customers', id] });
      void qc.invalidateQueries({ queryKey: ['customers', 'list'] });
    },
  });
}

/** A customer's contacts, main contact first. */
export function useContacts(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'contacts'],
    queryFn: () => api<{ items: Contact[] }>(`/customers/${customerId}/contacts`),
    select: (r) => r.items,
  });
}

/** Adds, edits, deletes a contact or makes it the main one; each refreshes the customer and its contacts. */
export function useContactMutations(customerId: string) {
  const qc = useQueryClient();
  const base = `/customers/${customerId}/contacts`;
  const refresh = () => qc.invalidateQueries({ queryKey: ['customers'] });
  return {
    add: useMutation({
      mutationFn: (input: ContactInput) => api<Contact>(base, { method: 'POST', body: input }),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, input }: { id: string; input: ContactInput }) =>
        api<Contact>(`${base}/${id}`, { method: 'PATCH', body: input }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api<void>(`${base}/${id}`, { method: 'DELETE' }),
      onSuccess: refresh,
    }),
    makeMain: useMutation({
      mutationFn: (id: string) => api<Contact>(`${base}/${id}/main`, { method: 'POST' }),
      onSuccess: refresh,
    }),
  };
}

/** A customer's latest invoices and its open balance per currency. */
export function useCustomerInvoices(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'invoices'],
    queryFn: () =>
      api<{ items: Invoice[]; nextCursor: string | null; openBalance: OpenBalance[] }>(
        `/customers/${customerId}/invoices`,
      ),
  });
}

/** The data-quality summary of the organization's customers and contacts. */
export function useDataQuality() {
  return useQuery({ queryKey: ['customers', 'quality'], queryFn: () => api<DataQuality>('/quality') });
}
