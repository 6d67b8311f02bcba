import type { Command } from 'commander';
import {
  type AuditEventView,
  auditListQuery,
  listOrganizationAuditEvents,
} from '../../services/list-audit-events.ts';
import { operatorActor } from '../../services/operator.ts';
import { type CliDeps, failWith, withServices } from '../context.ts';

interface Options {
  org: string;
  limit?: string;
  action?: string;
  target?: string;
  cursor?: string;
  json?: boolean;
}

// The query's fields -> the options that set them, to name the option in an error.
const OPTION: Record<string, string> = {
  limit: 'limit',
  action: 'action',
  targetId: 'target',
  cursor: 'cursor',
};

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : JSON.stringify(v));

/** A one-line account of an event's summary: the changed fields, an import's counts, or what it names. */
export function shortSummary(e: AuditEventView): string {
  const s = e.summary;
  const changes = s.changes as Record<string, { before: unknown; after: unknown }> | undefined;
  const name = [s.name, s.email, s.flag, s.fileName].find((v) => typeof v === 'string') as string | undefined;
  const parts: string[] = name ? [name] : [];
  if (changes)
    parts.push(
      Object.entries(changes)
        .map(([f, c]) => `${f}: ${show(c.before)} → ${show(c.after)}`)
        .join(', '),
    );
  const lines = s.lines as Record<string, number> | undefined;
  if (lines)
    parts.push(
      `${lines.created ?? 0} created, ${lines.updated ?? 0} updated, ${lines.unchanged ?? 0} unchanged, ${lines.error ?? 0} in error`,
    );
  if (e.action === 'import.reverted')
    parts.push(`${s.deleted} removed, ${s.restored} put back, ${s.conflicts} left as they were`);
  return parts.join(' — ');
}

function line(e: AuditEventView): string {
  const target = e.targetType ? `${e.targetType} ${e.targetId ?? ''}`.trim() : '—';
  return [e.occurredAt.toISOString(), e.actor.label, e.action, target, shortSummary(e)].join('\t');
}

/** `clientele audit --org <slug or id> [--limit N] [--action prefix] [--target id] [--cursor c] [--json]`. */
export function registerAuditCommand(program: Command, deps: CliDeps): void {
  program
    .command('audit')
    .description(
      'Show an organization’s audit log: who created, changed, deleted, imported and reverted what',
    )
    .requiredOption('--org <org>', 'organization slug or id')
    .option('--limit <n>', 'how many events, newest first (1 to 200)', '50')
    .option('--action <prefix>', 'only actions starting with this, e.g. customer or import.reverted')
    .option('--target <id>', 'only events about this record (customer, contact, import...)')
    .option('--cursor <cursor>', 'continue after the last page (its nextCursor)')
    .option('--json', 'print {items, nextCursor} as JSON')
    .action(async (opts: Options) => {
      await withServices(deps, async (ctx) => {
        const actor = await operatorActor(ctx, opts.org);
        if (!actor.ok) failWith(actor.error);
        const q = auditListQuery.safeParse({
          limit: opts.limit,
          action: opts.action,
          targetId: opts.target,
          cursor: opts.cursor,
        });
        if (!q.success) {
          const detail = q.error.issues.map((i) => `--${OPTION[String(i.path[0])]}: ${i.message}`).join('; ');
          failWith({ code: 'validation_failed', params: { detail } });
        }
        const r = await listOrganizationAuditEvents(ctx, actor.value, q.data);
        if (!r.ok) failWith(r.error);
        if (opts.json) {
          deps.out.write(`${JSON.stringify(r.value)}\n`);
          return;
        }
        if (r.value.items.length === 0) {
          deps.out.write('No events.\n');
          return;
        }
        deps.out.write(r.value.items.map((e) => `${line(e)}\n`).join(''));
        if (r.value.nextCursor) deps.out.write(`More events: add --cursor ${r.value.nextCursor}\n`);
      });
    });
}
