import type { MainLines } from '../../domain/import-plan/contacts.ts';
import type {
  ChangeEntity,
  ContactState,
  ImportKind,
  ImportMode,
  LineOutcome,
  References,
} from '../../domain/import-plan/types.ts';
import { WorkingSet } from '../../domain/import-plan/working-set.ts';
import { BATCH_CUSTOMERS_TABLE, type CustomerKeys, type RecordsCreated } from '../../storage/import-batch.ts';
import { createMainLines, loadMainLines, saveMainLines } from '../../storage/import-main-lines.ts';
import type { ImportStore } from '../../storage/import-store.ts';
import { TABLES_FILLED } from '../../storage/statistics.ts';
import type { Queryable } from '../../storage/tenant-pool.ts';
import type { CheckedBatch, RefusedLine } from './check-lines.ts';
import { type PlanOptions, planLine, type ValidLine } from './line-plan.ts';
import { newRecordId } from './record-ids.ts';
import { StatisticsSchedule } from './statistics-schedule.ts';

const PROGRESS_EVERY_MS = 250;

/** How many lines ended each way. */
export interface LineCounts {
  created: number;
  updated: number;
  unchanged: number;
  error: number;
  blank: number;
}

/** A change a line made, ready to be stored. */
export interface LineChange {
  line: number;
  entity: ChangeEntity;
  recordId: string;
  action: 'created' | 'updated';
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export type { RefusedLine } from './check-lines.ts';

/** What the engine needs to know about the import and the organization. */
export interface EngineInput {
  organizationId: string;
  kind: ImportKind;
  mode: ImportMode;
  refs: References;
  lockedMainInfo: boolean;
  ignoreMainFlag: boolean;
  /** Where records are read and written: the organization's tables, or a preview's own (see import-store.ts). */
  store: ImportStore;
}

/** Where the engine reports as it goes (errors and changes are stored by the caller, batch by batch). */
export interface EngineSink {
  refused(lines: RefusedLine[]): Promise<void>;
  /**
   * Absent when nothing keeps the changes (a preview): the engine then holds none of them, and its lines make no
   * snapshot of the records they create (SNAPSHOT_NOT_KEPT).
   */
  changed?: ((changes: LineChange[]) => Promise<void>) | undefined;
  progress(linesDone: number): Promise<void>;
}

/**
 * Runs every line of a file through matching and planning, in file order, and writes the result through `client`
 * to `input.store` (which the caller holds in a transaction: committed to apply; a preview's store writes
 * temporary tables only, and its transaction is rolled back). `client` must run
 * statements in the order they were sent (see pipelined in statement-order.ts), the sink's writes included. Lines
 * come in batches, already checked on their own (see check-lines.ts): the records a batch designates are loaded at
 * once, its lines planned one by one against them in memory (so each line sees what the lines above it did), and
 * its writes sent set-based.
 *
 * Batches overlap. Once a batch is planned, its customers, invoices and main lines are written, then the next
 * batch's records are read (queued behind those writes: one connection runs its statements in order, so the read
 * sees them), then the batch's contacts are written, then its refused lines and change log. The next batch is
 * planned as soon as its read answers, while PostgreSQL writes those contacts (the largest write of a contacts
 * import); meanwhile the batch after it is read from the file and checked. The read cannot see the contacts written
 * after it: the planned batch's contacts, which it hands over in memory (`carried`), are laid over what it read,
 * exactly as PostgreSQL holds them once written (see withCarried). The two sides of an import thus work at the same
 * time instead of in turn.
 */
export async function runEngine(
  client: Queryable,
  input: EngineInput,
  batches: AsyncIterable<CheckedBatch>,
  sink: EngineSink,
): Promise<{ lines: LineCounts; created: RecordsCreated; updatesSent: Set<keyof RecordsCreated> }> {
  const counts: LineCounts = { created: 0, updated: 0, unchanged: 0, error: 0, blank: 0 };
  const created: RecordsCreated = { customers: 0, contacts: 0, invoices: 0 };
  // The tables the import sent an update of stored records to (see countTouched).
  const updatesSent = new Set<keyof RecordsCreated>();
  const opts: Omit<PlanOptions, 'mainLines'> = {
    mode: input.mode,
    refs: input.refs,
    newId: newRecordId,
    lockedMainInfo: input.lockedMainInfo,
    ignoreMainFlag: input.ignoreMainFlag,
    // A preview keeps no change log: its lines make no snapshot of the records they create.
    keepChanges: sink.changed !== undefined,
  };
  // Only a contacts line can make a contact main (see import-main-lines.ts).
  const tracksMainLines = input.kind === 'contacts';
  await input.store.prepare(client, input.organizationId);
  // Whatever the store: its read of a batch's customers keeps their ids there for the batch's other reads.
  await client.query(BATCH_CUSTOMERS_TABLE);
  if (tracksMainLines) await createMainLines(client);
  let done = 0;
  let reported = 0;
  const statistics = new StatisticsSchedule({ once: input.store.statisticsOnce });
  // Every write sent so far, records and logs. Awaited before anything that depends on them or on their success;
  // marked handled at once so that a failure waits for that await instead of ending the process.
  let writing: Promise<void> = Promise.resolve();
  const track = (sent: Promise<void>) => {
    const all = Promise.all([writing, sent]).then(() => undefined);
    all.catch(() => undefined);
    writing = all;
  };
  // Progress goes to another connection, a commit each: awaited, it held this process back about 6 ms a write (505
  // ms of a million-line import, docs/performance.md). It is written while the batches go on, one write at a time
  // (a count due while one is being written waits for the next), and its first failure ends the run at the end.
  let progressing: Promise<void> | undefined;
  let progressFailed: { error: unknown } | undefined;
  const reportProgress = (lines: number) => {
    if (progressing) return;
    progressing = sink
      .progress(lines)
      .catch((error: unknown) => {
        progressFailed ??= { error };
      })
      .finally(() => {
        progressing = undefined;
      });
  };
  // The batch checked last, whose records are being read, waiting to be planned.
  let pending: Pending | undefined;
  const startLoading = (checked: CheckedBatch, carried: ContactState[]): Pending => {
    const loading = loadWorkingSet(client, input, checked.valid, tracksMainLines, carried);
    loading.catch(() => undefined);
    return { lines: checked.lines, checked, loading };
  };

  // Plans the pending batch and sends its writes, with the reads of `next` (checked meanwhile) among them.
  const planPending = async (next: CheckedBatch | undefined) => {
    if (!pending) {
      pending = next && startLoading(next, []);
      return;
    }
    const { lines, checked, loading } = pending;
    pending = undefined;
    // The read ran after every record write before it: when it failed, the first failure is the one to report.
    const { ws, mainLines } = await loading.catch(async (e: unknown) => {
      await writing;
      throw e;
    });
    const planned = planBatch(ws, checked, { ...opts, mainLines }, counts);
    const before = writing;
    const readNext = (carried: ContactState[]) => {
      if (next) pending = startLoading(next, carried);
    };
    track(writeRecords(client, input, ws, planned, { created, updatesSent }, readNext));
    // Its refused lines and change log, sent after its contacts (so after the next batch's reads: nothing read
    // depends on them). Their JSON is made now, while the writes queued before this batch's run: this process
    // would wait for them otherwise. Made after that wait, it held back the next batch's check while PostgreSQL
    // waited for its writes (a sixth of an import, against 6 to 7% now: docs/performance.md).
    track(writeLogs(planned, sink));
    // Queued ahead of the writes just sent: PostgreSQL has work while this waits.
    await before;
    done += lines;
    const written = counts.created + counts.updated;
    const refresh = statistics.due(written);
    if (refresh !== 'no' && TABLES_FILLED[input.kind].length > 0) {
      await writing;
      statistics.done(
        written,
        await input.store.refreshStatistics(client, input.kind, { wait: refresh === 'wait' }),
      );
    }
    // Progress is a write: a few a second is plenty (a file of blank lines would otherwise write it per batch).
    if (performance.now() - reported >= PROGRESS_EVERY_MS) {
      reportProgress(done);
      reported = performance.now();
    }
  };

  try {
    // Each batch is checked while PostgreSQL writes the batch before the last one and reads the last one's
    // records; then the last one is planned and its writes sent, this one's reads among them, and its logs after.
    for await (const checked of batches) {
      counts.blank += checked.blank;
      await planPending(checked);
    }
    await planPending(undefined);
  } finally {
    // Whatever ended the loop (the end of the file, a refused file, a failed write), the last statements are done
    // before the caller commits or rolls back.
    await writing.catch(() => undefined);
    await pending?.loading.catch(() => undefined);
    // No progress written after the run ends.
    await progressing;
  }
  await writing;
  if (progressFailed) throw progressFailed.error;
  await sink.progress(done);
  return { lines: counts, created, updatesSent };
}

/** A checked batch whose records are being read. */
interface Pending {
  lines: number;
  checked: CheckedBatch;
  loading: Promise<Loaded>;
}

interface PlannedBatch {
  refused: RefusedLine[];
  changes: LineChange[];
  /** The main lines this batch's lines recorded (see import-main-lines.ts). */
  mainLines: MainLines;
}

/** Plans a batch's valid lines in file order against its working set, which they change in memory. */
function planBatch(
  ws: WorkingSet,
  checked: CheckedBatch,
  opts: PlanOptions,
  counts: LineCounts,
): PlannedBatch {
  const loaded = new Map(opts.mainLines);
  const refused = [...checked.refused];
  const changes: LineChange[] = [];
  for (const v of checked.valid) {
    const outcome: LineOutcome = planLine(ws, v, opts);
    if (outcome.status === 'error') {
      refused.push({ line: v.line, cells: v.cells, errors: outcome.errors });
      continue;
    }
    counts[outcome.status]++;
    if (opts.keepChanges) {
      // Field by field: a spread after `line` took three to four times as long (2 million changes: 168-204 ms
      // against 45-50 ms), and this runs for every change of an import.
      for (const c of outcome.changes) {
        changes.push({
          line: v.line,
          entity: c.entity,
          recordId: c.recordId,
          action: c.action,
          before: c.before,
          after: c.after,
        });
      }
    }
  }
  counts.error += refused.length;
  refused.sort((a, b) => a.line - b.line);
  const mainLines: MainLines = new Map();
  for (const [customerId, entry] of opts.mainLines) {
    if (loaded.get(customerId) !== entry) mainLines.set(customerId, entry);
  }
  return { refused, changes, mainLines };
}

/**
 * Sends a planned batch's record writes: its customers, invoices and main lines, then `readNext` (which sends the
 * next batch's reads, handed the contacts about to be written), then its contacts. Every statement is sent before
 * any is awaited, so that they run in that order.
 */
async function writeRecords(
  client: Queryable,
  input: EngineInput,
  ws: WorkingSet,
  planned: PlannedBatch,
  totals: { created: RecordsCreated; updatesSent: Set<keyof RecordsCreated> },
  readNext: (carried: ContactState[]) => void,
): Promise<void> {
  const customers = ws.dirtyCustomers();
  const contacts = ws.dirtyContacts();
  const invoices = ws.dirtyInvoices();
  const store = input.store;
  const { created, updatesSent } = totals;
  const newCustomers = customers.filter((c) => c.isNew);
  created.customers += newCustomers.length;
  created.contacts += contacts.filter((c) => c.isNew).length;
  created.invoices += invoices.filter((i) => i.isNew).length;
  const changedCustomers = customers.filter((c) => !c.isNew);
  if (changedCustomers.length > 0) updatesSent.add('customers');
  const sent = (table: keyof RecordsCreated) => (updated: boolean) => {
    if (updated) updatesSent.add(table);
  };
  const newCustomerIds = new Set(newCustomers.map((c) => c.id));
  const writes: Promise<unknown>[] = [
    // Changed customers before new ones: a line may give a customer another name, and a later line of the batch
    // the name it left (see migration 0018 for names moving between changed customers).
    store.updateCustomers(client, input.organizationId, changedCustomers),
    store.insertCustomers(client, input.organizationId, newCustomers),
    // After the customers: a new invoice references the customer its line created.
    store.writeInvoices(client, input.organizationId, invoices).then(sent('invoices')),
    saveMainLines(client, planned.mainLines, newCustomerIds),
  ];
  readNext(contacts);
  writes.push(
    store.writeContacts(client, input.organizationId, contacts, newCustomerIds).then(sent('contacts')),
  );
  await Promise.all(writes);
}

/** Sends a planned batch's refused lines and change log (every statement before any is awaited). */
async function writeLogs(planned: PlannedBatch, sink: EngineSink): Promise<void> {
  const sent: Promise<void>[] = [];
  if (planned.refused.length > 0) sent.push(sink.refused(planned.refused));
  if (sink.changed && planned.changes.length > 0) sent.push(sink.changed(planned.changes));
  await Promise.all(sent);
}

/** A batch's records as stored, and its customers' main lines from earlier batches. */
interface Loaded {
  ws: WorkingSet;
  mainLines: MainLines;
}

/**
 * The defined values of one key of the lines, each once per run of lines sharing it (a customer's lines follow
 * one another): the reads compare with `= any(…)`, to which a value given twice is the same as once. A set of
 * every value cost a hash of each, about a second per million lines, for little more than that.
 */
function keysOf(lines: ValidLine[], key: (line: ValidLine) => string | undefined): string[] {
  const out: string[] = [];
  let last: string | undefined;
  for (const line of lines) {
    const value = key(line);
    if (value !== undefined && value !== last) out.push(value);
    last = value;
  }
  return out;
}

/**
 * Reads a batch's records: its customers, invoices, contacts and main lines, all sent at once (the contacts and
 * main lines of the customers its read of customers keeps, see ImportStore.loadCustomers). `carried` are the
 * contacts of the batch planned before, written after this read: laid over it (withCarried).
 */
async function loadWorkingSet(
  client: Queryable,
  input: EngineInput,
  lines: ValidLine[],
  withMainLines: boolean,
  carried: ContactState[],
): Promise<Loaded> {
  const ws = new WorkingSet();
  const keys: CustomerKeys = {
    externalIds: keysOf(lines, (l) => l.externalId),
    nameKeys: keysOf(lines, (l) => l.nameKey),
    invoiceNumbers: input.kind === 'invoices' ? keysOf(lines, (l) => l.number) : [],
  };
  const { store, organizationId } = input;
  const withContacts = input.kind === 'contacts' || input.kind === 'invoices';
  const [customers, invoices, contacts, mainLines] = await Promise.all([
    store.loadCustomers(client, organizationId, keys),
    store.loadInvoices(client, organizationId, keys.invoiceNumbers),
    withContacts
      ? store.loadContacts(
          client,
          organizationId,
          keysOf(lines, (l) => l.email),
        )
      : [],
    withMainLines ? loadMainLines(client) : new Map(),
  ]);
  for (const c of customers) ws.addCustomer(c);
  for (const i of invoices) ws.addInvoice(i);
  if (withContacts) {
    // A line without customer cells adds its contact email to the customer its invoice already has.
    const customerIds = new Set([...customers.map((c) => c.id), ...invoices.map((i) => i.customerId)]);
    for (const c of withCarried(contacts, carried, customerIds)) ws.addContact(c);
  }
  return { ws, mainLines };
}

/**
 * The contacts of `customerIds` as PostgreSQL holds them once `carried` (the contacts the batch before changed
 * and created, written after `stored` was read) are written: each carried contact replaces its stored version and
 * is no longer new; a carried main contact takes the flag from any other of its customer (the contacts write clears
 * it, see writeContacts).
 */
export function withCarried(
  stored: ContactState[],
  carried: ContactState[],
  customerIds: ReadonlySet<string>,
): ContactState[] {
  if (carried.length === 0) return stored;
  const mine = carried.filter((c) => customerIds.has(c.customerId));
  const replaced = new Set(mine.map((c) => c.id));
  const mainOf = new Set(mine.filter((c) => c.isMain).map((c) => c.customerId));
  const out: ContactState[] = [];
  for (const c of stored) {
    if (replaced.has(c.id)) continue;
    out.push(c.isMain && mainOf.has(c.customerId) ? { ...c, isMain: false } : c);
  }
  for (const c of mine) {
    out.push({ ...c, positions: [...c.positions], isNew: false, dirty: false, changed: 0 });
  }
  return out;
}
