import { planAssignmentLine } from '../../domain/import-plan/assignments.ts';
import { type MainLines, planContactLine } from '../../domain/import-plan/contacts.ts';
import { planCustomerLine } from '../../domain/import-plan/customers.ts';
import { planInvoiceLine } from '../../domain/import-plan/invoices.ts';
import type {
  IdFactory,
  ImportKind,
  ImportMode,
  LineOutcome,
  References,
} from '../../domain/import-plan/types.ts';
import type { WorkingSet } from '../../domain/import-plan/working-set.ts';
import { validateAssignmentLine } from '../../domain/lines/assignments.ts';
import { validateContactLine } from '../../domain/lines/contacts.ts';
import { validateCustomerLine } from '../../domain/lines/customers.ts';
import { validateInvoiceLine } from '../../domain/lines/invoices.ts';
import { type LineError, lineError } from '../../domain/lines/types.ts';

/** A validated line, ready to be planned, with the keys it needs loaded from the database. */
export interface ValidLine {
  line: number;
  cells: string[];
  raw: Record<string, string>;
  kind: ImportKind;
  value: unknown;
  externalId?: string | undefined;
  nameKey?: string | undefined;
  email?: string | undefined;
  /** The invoice number an invoices line designates. */
  number?: string | undefined;
}

/** The keys a line's records are looked up by (customer external ID and name, contact email, invoice number). */
type LookupKeys = Pick<ValidLine, 'externalId' | 'nameKey' | 'email' | 'number'>;

type Validated = { ok: true; value: unknown; keys: LookupKeys } | { ok: false; errors: LineError[] };

/** Each kind's validator, and where its normalised line keeps the lookup keys. */
const VALIDATORS: Record<
  ImportKind,
  (raw: Record<string, string>, ctx: { defaultCountry: string }) => Validated
> = {
  customers: (raw, ctx) => {
    const r = validateCustomerLine(raw, ctx);
    return r.ok
      ? {
          ok: true,
          value: r.value,
          keys: { externalId: r.value.externalId, nameKey: r.value.customerNameKey },
        }
      : r;
  },
  contacts: (raw, ctx) => {
    const r = validateContactLine(raw, ctx);
    if (!r.ok) return r;
    const v = r.value;
    return {
      ok: true,
      value: v,
      keys: { externalId: v.customerExternalId, nameKey: v.customerNameKey, email: v.email },
    };
  },
  assignments: (raw, ctx) => {
    const r = validateAssignmentLine(raw, ctx);
    if (!r.ok) return r;
    return {
      ok: true,
      value: r.value,
      keys: { externalId: r.value.customerExternalId, nameKey: r.value.customerNameKey },
    };
  },
  invoices: (raw, ctx) => {
    const r = validateInvoiceLine(raw, ctx);
    if (!r.ok) return r;
    const v = r.value;
    return {
      ok: true,
      value: v,
      keys: {
        externalId: v.customerExternalId,
        nameKey: v.customerNameKey,
        email: v.contactEmail,
        number: v.number,
      },
    };
  },
};

/**
 * A line with more non-empty cells than the header has columns: a value probably holds the delimiter without
 * quotes, which shifts every cell after it. Its cells cannot be trusted, so the line is refused (empty cells past
 * the header, as spreadsheets often write, are harmless).
 */
export function extraCellsError(cells: string[], columns: number): LineError | undefined {
  let last = cells.length - 1;
  while (last >= columns && (cells[last] ?? '').trim() === '') last--;
  if (last < columns) return undefined;
  return lineError('', 'extra_cells', cells[columns] ?? '', { cells: last + 1, columns });
}

/** Validates one line's mapped cells with its kind's validator. */
export function validateLine(
  kind: ImportKind,
  line: number,
  cells: string[],
  raw: Record<string, string>,
  defaultCountry: string,
): { ok: true; line: ValidLine } | { ok: false; errors: LineError[] } {
  const r = VALIDATORS[kind](raw, { defaultCountry });
  if (!r.ok) return r;
  // Key by key rather than spread: this runs on every line of an import.
  const { keys } = r;
  return {
    ok: true,
    line: {
      line,
      cells,
      raw,
      kind,
      value: r.value,
      externalId: keys.externalId,
      nameKey: keys.nameKey,
      email: keys.email,
      number: keys.number,
    },
  };
}

/** What planning needs beyond the working set. */
export interface PlanOptions {
  mode: ImportMode;
  refs: References;
  newId: IdFactory;
  mainLines: MainLines;
  lockedMainInfo: boolean;
  ignoreMainFlag: boolean;
  /** False when nothing keeps the changes (a preview): the records created are counted, not snapshotted. */
  keepChanges: boolean;
}

/** Plans one validated line against the working set. */
export function planLine(ws: WorkingSet, v: ValidLine, opts: PlanOptions): LineOutcome {
  if (v.kind === 'customers') {
    return planCustomerLine(ws, v.value as Parameters<typeof planCustomerLine>[1], {
      mode: opts.mode,
      refs: opts.refs,
      newId: opts.newId,
      raw: v.raw,
      keepChanges: opts.keepChanges,
    });
  }
  if (v.kind === 'contacts') {
    return planContactLine(ws, v.value as Parameters<typeof planContactLine>[1], {
      mode: opts.mode,
      newId: opts.newId,
      line: v.line,
      mainLines: opts.mainLines,
      lockedMainInfo: opts.lockedMainInfo,
      ignoreMainFlag: opts.ignoreMainFlag,
      keepChanges: opts.keepChanges,
    });
  }
  if (v.kind === 'invoices') {
    return planInvoiceLine(ws, v.value as Parameters<typeof planInvoiceLine>[1], {
      mode: opts.mode,
      newId: opts.newId,
      raw: v.raw,
      keepChanges: opts.keepChanges,
    });
  }
  return planAssignmentLine(ws, v.value as Parameters<typeof planAssignmentLine>[1], {
    refs: opts.refs,
    raw: v.raw,
  });
}
