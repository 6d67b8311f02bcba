import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/audit.ts';
import { useDunningPlans, useMembers } from '../../api/organization.ts';
import { useFormat } from '../../i18n/format.ts';

// What the server keeps in place of a secret (services/audit.ts HIDDEN).
const HIDDEN = '[hidden]';
const API_KEY = 'api key ';

/** Turns audit events into the words a person reads: who, the action, its target and a short summary. */
export function useAuditText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const members = useMembers();
  const plans = useDunningPlans();

  const field = (f: string) => t(`audit.fields.${f}` as 'audit.fields.name', { defaultValue: f });
  const value = (f: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (v === HIDDEN) return t('audit.hidden');
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (f === 'steps' && Array.isArray(v)) return t('audit.steps', { count: v.length });
    if (Array.isArray(v))
      return v.map((p) => t(`positions.${p as 'sales'}`, { defaultValue: String(p) })).join(', ') || '—';
    if (f === 'accountManagerId') return members.data?.find((m) => m.id === v)?.email ?? String(v);
    if (f === 'dunningPlanId') return plans.data?.find((p) => p.id === v)?.name ?? String(v);
    if (f === 'country' || f === 'defaultCountry') return fmt.country(String(v));
    if (f === 'phone') return fmt.phone(String(v));
    if (f === 'role') return t(`organization.roles.${v as 'admin'}`, { defaultValue: String(v) });
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  const pair = (f: string, v: unknown) => t('audit.pair', { field: field(f), value: value(f, v) });

  const action = (e: AuditEvent) => {
    const [group, verb] = e.action.split('.');
    return t(`audit.actions.${group}.${verb}` as 'audit.actions.customer.created', {
      defaultValue: e.action,
    });
  };

  const who = (e: AuditEvent) => {
    if (e.actor.via === 'cli') return t('audit.commandLine');
    if (e.actor.label.startsWith(API_KEY))
      return t('audit.apiKey', { name: e.actor.label.slice(API_KEY.length) });
    return e.actor.label;
  };

  /** The target's kind, what names it, and where it can be seen (nothing for what is gone). */
  const target = (e: AuditEvent) => {
    const s = e.summary;
    const type = e.targetType
      ? t(`audit.targets.${e.targetType}` as 'audit.targets.customer', { defaultValue: e.targetType })
      : '';
    const name = [s.name, s.email, s.fileName, s.flag].find((v) => typeof v === 'string') as
      | string
      | undefined;
    let link: string | null = null;
    if (e.targetType === 'customer' && e.action !== 'customer.deleted') link = `/customers/${e.targetId}`;
    if (e.targetType === 'contact' && typeof s.customerId === 'string') link = `/customers/${s.customerId}`;
    if (e.targetType === 'import') link = `/imports/${e.targetId}`;
    return { type, name: name ?? '', link };
  };

  const summary = (e: AuditEvent): string => {
    const s = e.summary;
    if (e.action === 'import.applied') {
      const lines = (s.lines ?? {}) as Record<string, number>;
      return t('audit.imported', {
        file: s.fileName,
        kind: t(`kinds.${s.kind as 'customers'}`, { defaultValue: String(s.kind) }),
        created: fmt.number(lines.created ?? 0),
        updated: fmt.number(lines.updated ?? 0),
        unchanged: fmt.number(lines.unchanged ?? 0),
        error: fmt.number(lines.error ?? 0),
      });
    }
    if (e.action === 'import.reverted')
      return t('audit.reverted', {
        file: s.fileName,
        deleted: fmt.number(Number(s.deleted ?? 0)),
        restored: fmt.number(Number(s.restored ?? 0)),
        conflicts: fmt.number(Number(s.conflicts ?? 0)),
      });
    if (s.changes)
      return Object.entries(s.changes)
        .map(([f, c]) =>
          t('audit.change', { field: field(f), before: value(f, c.before), after: value(f, c.after) }),
        )
        .join(' · ');
    const fields = (s.fields ?? {}) as Record<string, unknown>;
    // What names the target (a customer's name, a contact's email) is already in the target column.
    const named = e.targetType === 'contact' ? 'email' : 'name';
    const parts = [
      ...Object.entries(fields)
        .filter(([f]) => f !== named)
        .map(([f, v]) => pair(f, v)),
      ...(s.role ? [pair('role', s.role)] : []),
      ...(Array.isArray(s.steps) ? [value('steps', s.steps)] : []),
      // An API key's public prefix, never the key.
      ...(typeof s.prefix === 'string' ? [`clt_${s.prefix}_…`] : []),
    ];
    return parts.join(' · ');
  };

  return { action, who, target, summary };
}
