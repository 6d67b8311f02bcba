import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </div>
  );
}

/** A customer's details as read-only facts; "Edit" opens the form. */
export function CustomerDetails({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const address = [
    c.addressLine1,
    c.addressLine2,
    [c.postalCode, c.city].filter(Boolean).join(' '),
    c.country ? fmt.country(c.country) : null,
  ]
    .filter(Boolean)
    .map((line) => <div key={line}>{line}</div>);

  return (
    <Card withBorder radius="lg" padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t('customer.details')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm">
        <Item label={t('customer.fields.externalId')}>{c.externalId}</Item>
        <Item label={t('customer.fields.vatNumber')}>{c.vatNumber}</Item>
        <Item label={t('customer.fields.email')}>
          {c.email && <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>}
        </Item>
        <Item label={t('customer.fields.phone')}>
          {c.phone && <Anchor href={`tel:${c.phone}`}>{fmt.phone(c.phone)}</Anchor>}
        </Item>
        <Item label={t('customer.address')}>{address.length ? <Stack gap={0}>{address}</Stack> : null}</Item>
        <Item label={t('customer.source')}>
          {t(`customer.sources.${c.source as 'manual'}`, { defaultValue: c.source })}
        </Item>
        <Item label={t('customers.columns.createdAt')}>{fmt.dateTime(c.createdAt)}</Item>
        <Item label={t('customers.columns.updatedAt')}>{fmt.dateTime(c.updatedAt)}</Item>
      </SimpleGrid>
    </Card>
  );
}
