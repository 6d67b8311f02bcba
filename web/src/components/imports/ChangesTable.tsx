import { Anchor, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useImportChanges } from '../../api/imports.ts';
import { useDunningPlans, useMembers } from '../../api/organization.ts';
import type { ImportChange } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { currentLang } from '../../i18n/index.ts';
import { fieldLabel } from './fields.ts';

// Fields that only link records together; the row's link already says which customer it is.
const HIDDEN = new Set(['customerId', 'id']);
// Reference fields are stored as ids; their label is the field's.
const REFERENCES: Record<string, string> = {
  accountManagerId: 'accountManager',
  dunningPlanId: 'dunningPlan',
};

/** The data each line of an import wrote: the records it created, and for updates each field before → after. */
export function ChangesTable({ importId, linkRecords }: { importId: string; linkRecords: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const changes = useImportChanges(importId);
  const members = useMembers();
  const plans = useDunningPlans();
  const rows = changes.data?.pages.flatMap((p) => p.items) ?? [];

  const label = (entity: ImportChange['entity'], key: string): string => {
    if (entity === 'invoice') return fieldLabel('invoices', key, currentLang());
    const k = `${entity === 'contact' ? 'contacts' : 'customer'}.fields.${REFERENCES[key] ?? key}`;
    return t(k as 'customer.fields.name', { defaultValue: key });
  };
  const show = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '∅';
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (Array.isArray(v))
      return v.map((p) => t(`positions.${p as 'sales'}`, { defaultValue: String(p) })).join(', ');
    if (key === 'accountManagerId') return members.data?.find((m) => m.id === v)?.email ?? String(v);
    if (key === 'dunningPlanId') return plans.data?.find((p) => p.id === v)?.name ?? String(v);
    if (key === 'country') return fmt.country(String(v));
    if (key === 'phone') return fmt.phone(String(v));
    return String(v);
  };
  const recordLink = (c: ImportChange): string | null => {
    if (c.entity === 'customer') return `/customers/${c.recordId}`;
    const customerId = (c.after?.customerId ?? c.before?.customerId) as string | undefined;
    return customerId ? `/customers/${customerId}` : null;
  };

  if (changes.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('changes.none')}
      </Text>
    );

  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={720} type="native">
        <Table striped aria-label={t('changes.label')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('errorsTable.line')}</Table.Th>
              <Table.Th w={220}>{t('changes.record')}</Table.Th>
              <Table.Th w={120}>{t('changes.action')}</Table.Th>
              <Table.Th>{t('changes.data')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => {
              const link = linkRecords ? recordLink(c) : null;
              const keys = Object.keys(c.after ?? {}).filter((k) => !HIDDEN.has(k));
              const entity = t(`changes.entity.${c.entity}`);
              // What a person recognises the record by: the customer's name, the contact's email.
              const nameKey = c.entity === 'customer' ? 'name' : c.entity === 'invoice' ? 'number' : 'email';
              const name = String(c.after?.[nameKey] ?? c.before?.[nameKey] ?? entity);
              return (
                <Table.Tr key={c.seq}>
                  <Table.Td className="numbers">{fmt.number(c.line)}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {entity}
                    </Text>
                    {link ? (
                      <Anchor component={Link} to={link} size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {name}
                      </Anchor>
                    ) : (
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {name}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={c.action === 'created' ? 'teal' : 'blue'} variant="light" size="sm">
                      {t(`changes.actions.${c.action}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="wrap">
                      {keys.map((k) => (
                        <Text key={k} size="sm" span>
                          <Text span c="dimmed" size="sm">
                            {label(c.entity, k)}:
                          </Text>{' '}
                          {c.action === 'updated' && c.before ? (
                            <>
                              <Text span td="line-through" c="dimmed" size="sm">
                                {show(k, c.before[k])}
                              </Text>
                              {' → '}
                              {show(k, c.after?.[k])}
                            </>
                          ) : (
                            show(k, c.after?.[k])
                          )}
                        </Text>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {changes.hasNextPage && (
        <Group justify="center">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => changes.fetchNextPage()}
            loading={changes.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
