import { Alert, Badge, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Invoice, useCustomerInvoices } from '../../api/customers.ts';
import { useFormat } from '../../i18n/format.ts';
import { errorMessage } from '../feedback.ts';

// Dates are calendar days: read at noon local time so no time zone moves them to another day.
const STATUS_COLORS: Record<Invoice['status'], string> = { open: 'blue', paid: 'teal', cancelled: 'gray' };

/** Formats an exact decimal amount as money in the interface language (the currency's own symbol). */
export function money(locale: string, amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A customer's latest invoices and what it still owes, per currency. */
export function InvoicesCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const invoices = useCustomerInvoices(customerId);
  const data = invoices.data;

  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="invoices-title">
      <Group justify="space-between" align="flex-start" mb="sm" gap="sm">
        <Title order={2} size="h4" id="invoices-title">
          {t('invoices.title')}
        </Title>
        {data && data.openBalance.length > 0 && (
          <Stack gap={2} align="flex-end" role="group" aria-label={t('invoices.openBalance')}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('invoices.openBalance')}
            </Text>
            {data.openBalance.map((b) => (
              <Text key={b.currency} fw={700} data-testid="open-balance">
                {money(fmt.locale, b.amount, b.currency)}{' '}
                <Text span size="sm" c="dimmed" fw={400}>
                  {t('invoices.openInvoices', { count: b.openInvoices })}
                </Text>
              </Text>
            ))}
          </Stack>
        )}
      </Group>
      {invoices.isError && <Alert color="red">{errorMessage(invoices.error)}</Alert>}
      {invoices.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {data && data.items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('invoices.empty')}
        </Text>
      )}
      {data && data.items.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('invoices.number')}</Table.Th>
                <Table.Th>{t('invoices.issueDate')}</Table.Th>
                <Table.Th>{t('invoices.dueDate')}</Table.Th>
                <Table.Th ta="right">{t('invoices.amount')}</Table.Th>
                <Table.Th>{t('invoices.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.number}</Table.Td>
                  <Table.Td>{fmt.date(`${i.issueDate}T12:00:00`)}</Table.Td>
                  <Table.Td>{fmt.date(`${i.dueDate}T12:00:00`)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {money(fmt.locale, i.amount, i.currency)}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[i.status]} variant="light">
                      {t(`invoices.statuses.${i.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
