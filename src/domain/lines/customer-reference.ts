import { nameKey } from '../text.ts';
import { normaliseName, normaliseText, TEXT_LIMITS } from '../values/text-field.ts';
import type { LineReader } from './types.ts';

/** How a contacts or assignments line names its customer; at least one of name and external ID is given. */
export interface CustomerReference {
  customerName?: string;
  customerNameKey?: string;
  customerExternalId?: string;
}

// Made once, not for every line.
const customerNameOf = (value: string) => normaliseName(value, 'customerName');
const externalIdText = (value: string) => normaliseText(value, TEXT_LIMITS.externalId);

/** Reads the customer name and external ID cells; both empty is a `missing_customer` error. */
export function readCustomerReference(
  line: LineReader<'customerName' | 'customerExternalId'>,
): CustomerReference {
  if (!line.has('customerName') && !line.has('customerExternalId')) {
    line.fail('customerName', 'missing_customer');
    return {};
  }
  const customerName = line.optional('customerName', customerNameOf);
  const customerExternalId = line.optional('customerExternalId', externalIdText);
  return {
    customerName,
    customerNameKey: customerName === undefined ? undefined : nameKey(customerName),
    customerExternalId,
  };
}
