import { Anchor, Center, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ImportSummary } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { StatusBadge } from '../StatusBadge.tsx';

/** Every import: when, who, what kind, which file, its status and its counts. */
export function ImportHistoryTable({ items }: { items: ImportSummary[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const n = (v: number | undefined) => (v === undefined ? '—' : fmt.number(v));

  return (
    <Table.ScrollContainer minWidth={980} type="native">
      <Table highlightOnHover aria-label={t('history.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('history.columns.date')}</Table.Th>
            <Table.Th>{t('history.columns.by')}</Table.Th>
            <Table.Th>{t('history.columns.kind')}</Table.Th>
            <Table.Th>{t('history.columns.file')}</Table.Th>
            <Table.Th>{t('history.columns.status')}</Table.Th>
            <Table.Th ta="right">{t('history.columns.created')}</Table.Th>
            <Table.Th ta="right">{t('history.columns.updated')}</Table.Th>
            <Table.Th ta="right">{t('history.columns.unchanged')}</Table.Th>
            <Table.Th ta="right">{t('history.columns.errors')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={9}>
                <Center py="lg">
                  <Text c="dimmed">{t('history.empty')}</Text>
                </Center>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((i) => (
            <Table.Tr key={i.id} className="clickable-row" onClick={() => navigate(`/imports/${i.id}`)}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(i.createdAt)}</Table.Td>
              <Table.Td>{i.startedBy?.name || i.startedBy?.email || t('history.api')}</Table.Td>
              <Table.Td>{t(`kinds.${i.kind}`)}</Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/imports/${i.id}`}
                  size="sm"
                  onClick={(e) => e.stopPropagation()}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {i.fileName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={i.status} />
              </Table.Td>
              <Table.Td ta="right" className="numbers">
                {n(i.lines?.created)}
              </Table.Td>
              <Table.Td ta="right" className="numbers">
                {n(i.lines?.updated)}
              </Table.Td>
              <Table.Td ta="right" className="numbers">
                {n(i.lines?.unchanged)}
              </Table.Td>
              <Table.Td ta="right" className="numbers">
                <Text
                  span
                  inherit
                  c={i.lines?.error ? 'red' : undefined}
                  fw={i.lines?.error ? 600 : undefined}
                >
                  {n(i.lines?.error)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
