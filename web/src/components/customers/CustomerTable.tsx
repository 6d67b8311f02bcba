import { Anchor, Center, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CustomerListParams } from '../../api/customers.ts';
import type { Customer } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';

type SortKey = CustomerListParams['sort'];

function SortHeader(props: {
  label: string;
  sortKey: SortKey;
  sort: SortKey;
  order: 'asc' | 'desc';
  onSort: (key: SortKey) => void;
  minWidth?: number;
}) {
  const active = props.sort === props.sortKey;
  const Icon = !active ? IconArrowsSort : props.order === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      aria-sort={active ? (props.order === 'asc' ? 'ascending' : 'descending') : 'none'}
      style={{ whiteSpace: 'nowrap', minWidth: props.minWidth }}
    >
      <UnstyledButton onClick={() => props.onSort(props.sortKey)} fw={600} fz="sm">
        <Group gap={4} wrap="nowrap">
          {props.label}
          <Icon size={14} aria-hidden opacity={active ? 1 : 0.4} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** One page of customers; a row opens the customer (its name is the link keyboard users follow). */
export function CustomerTable(props: {
  items: Customer[];
  sort: SortKey;
  order: 'asc' | 'desc';
  onSort: (key: SortKey) => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const sortProps = { sort: props.sort, order: props.order, onSort: props.onSort };

  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table highlightOnHover striped={false} style={{ opacity: props.loading ? 0.6 : 1 }}>
        <Table.Thead>
          <Table.Tr>
            <SortHeader label={t('customers.columns.name')} sortKey="name" minWidth={220} {...sortProps} />
            <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('customers.columns.externalId')}</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('customers.columns.mainContact')}</Table.Th>
            <Table.Th ta="right">{t('customers.columns.contacts')}</Table.Th>
            <Table.Th>{t('customers.columns.city')}</Table.Th>
            <SortHeader label={t('customers.columns.createdAt')} sortKey="createdAt" {...sortProps} />
            <SortHeader label={t('customers.columns.updatedAt')} sortKey="updatedAt" {...sortProps} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Center py="lg">
                  <Text c="dimmed">{t('customers.noMatch')}</Text>
                </Center>
              </Table.Td>
            </Table.Tr>
          )}
          {props.items.map((c) => (
            <Table.Tr key={c.id} className="clickable-row" onClick={() => navigate(`/customers/${c.id}`)}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/customers/${c.id}`}
                  fw={500}
                  size="sm"
                  c="inherit"
                  onClick={(e) => e.stopPropagation()}
                >
                  {c.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {c.externalId ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>
                {c.mainContactEmail ?? (
                  <Text span size="sm" c="dimmed">
                    {c.contactCount > 0 ? t('customers.noMainContact') : ''}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" className="numbers">
                {c.contactCount === 0 ? (
                  <Text span size="sm" c="orange.8" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {t('customers.noContacts')}
                  </Text>
                ) : (
                  fmt.number(c.contactCount)
                )}
              </Table.Td>
              <Table.Td>{c.city ?? ''}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(c.createdAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(c.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
