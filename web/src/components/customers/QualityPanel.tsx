import { Anchor, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type QualityCount, useDataQuality } from '../../api/customers.ts';
import { useFormat } from '../../i18n/format.ts';

type Key = 'customersWithoutContact' | 'customersWithoutMainContact' | 'contactsWithoutPosition';
const KEYS: Key[] = ['customersWithoutContact', 'customersWithoutMainContact', 'contactsWithoutPosition'];
const COLORS: Record<Key, string> = {
  customersWithoutContact: 'orange',
  customersWithoutMainContact: 'yellow',
  contactsWithoutPosition: 'grape',
};

/**
 * What keeps reminders from reaching someone: a bar per problem (scaled to the largest) and its count, a link
 * that lists those customers (`linkTo` turns the list filters of the answer into the page's address).
 */
export function QualityPanel({ linkTo }: { linkTo: (query: Record<string, string>) => string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const quality = useDataQuality();
  const q = quality.data;
  if (!q) return null;
  const max = Math.max(1, ...KEYS.map((k) => q[k].count));

  const row = (key: Key, c: QualityCount, detail?: string) => {
    const label = t(`quality.${key}`);
    const count = fmt.number(c.count);
    return (
      <Stack key={key} gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
          <Text size="sm" style={{ minWidth: 0 }}>
            {label}
            {detail && (
              <Text span size="xs" c="dimmed">
                {' '}
                {detail}
              </Text>
            )}
          </Text>
          {c.customersQuery && c.count > 0 ? (
            <Anchor
              component={Link}
              to={linkTo(c.customersQuery)}
              fw={700}
              aria-label={t('quality.show', { count: c.count, what: label })}
            >
              {count}
            </Anchor>
          ) : (
            <Text fw={700} aria-label={`${label}: ${count}`}>
              {count}
            </Text>
          )}
        </Group>
        <Progress value={(c.count / max) * 100} color={COLORS[key]} size="sm" aria-hidden />
      </Stack>
    );
  };

  return (
    <Card withBorder radius="lg" padding="md" component="section" aria-labelledby="quality-title">
      <Title order={2} size="h5" mb="xs" id="quality-title">
        {t('quality.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg" verticalSpacing="sm">
        {row('customersWithoutContact', q.customersWithoutContact)}
        {row('customersWithoutMainContact', q.customersWithoutMainContact)}
        {row(
          'contactsWithoutPosition',
          q.contactsWithoutPosition,
          t('quality.atCustomers', { count: q.contactsWithoutPosition.customers }),
        )}
      </SimpleGrid>
    </Card>
  );
}
