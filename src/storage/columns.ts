/** Record fields as the domain names them (camelCase) -> their columns: one map for every writer and reader. */

export const CUSTOMER_COLUMNS = {
  name: 'name',
  externalId: 'external_id',
  email: 'email',
  phone: 'phone',
  addressLine1: 'address_line1',
  addressLine2: 'address_line2',
  postalCode: 'postal_code',
  city: 'city',
  country: 'country',
  vatNumber: 'vat_number',
  accountManagerId: 'account_manager_id',
  dunningPlanId: 'dunning_plan_id',
} as const;

export const CONTACT_COLUMNS = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  reference: 'reference',
  positions: 'positions',
  isMain: 'is_main',
} as const;

export const INVOICE_COLUMNS = {
  customerId: 'customer_id',
  issueDate: 'issue_date',
  dueDate: 'due_date',
  amount: 'amount',
  currency: 'currency',
  status: 'status',
} as const;
