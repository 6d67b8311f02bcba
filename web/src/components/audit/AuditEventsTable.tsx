import { Anchor, Center, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEvent } from '../../api/audit.ts';
import { useFormat } from '../../i18n/format.ts';
import { useAuditText } from './useAuditText.ts';

/** The audit log: when, who, what action, on what, and a short account of it. */
export function AuditEventsTable({ items }: { items: AuditEvent[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useAuditText();

  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table striped aria-label={t('audit.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('audit.columns.date')}</Table.Th>
            <Table.Th w={200}>{t('audit.columns.who')}</Table.Th>
            <Table.Th w={190}>{t('audit.columns.action')}</Table.Th>
            <Table.Th w={220}>{t('audit.columns.target')}</Table.Th>
            <Table.Th>{t('audit.columns.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Center py="lg">
                  <Text c="dimmed">{t('audit.empty')}</Text>
                </Center>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((e) => {
            const target = text.target(e);
            return (
              <Table.Tr key={e.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(e.occurredAt)}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {text.who(e)}
                  {e.actor.via === 'worker' && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({t('audit.viaWorker')})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{text.action(e)}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text span size="xs" c="dimmed">
                    {target.type}
                  </Text>{' '}
                  {target.link && target.name ? (
                    <Anchor component={Link} to={target.link} size="sm">
                      {target.name}
                    </Anchor>
                  ) : (
                    target.name
                  )}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">{text.summary(e)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
