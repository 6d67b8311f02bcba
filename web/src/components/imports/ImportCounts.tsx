import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';

/**
 * What an import would do (preview) or did (result), line by line: created, updated, unchanged, in error; and
 * for a contacts file, the customers it creates on the way.
 */
export function ImportCounts({ imp, phase }: { imp: ImportSummary; phase: 'preview' | 'result' }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lines = imp.lines;
  if (!lines) return null;
  const stats = [
    { key: 'created', value: lines.created, color: 'teal', label: t(`counts.${phase}.created.${imp.kind}`) },
    { key: 'updated', value: lines.updated, color: 'blue', label: t(`counts.${phase}.updated.${imp.kind}`) },
    { key: 'unchanged', value: lines.unchanged, color: 'gray', label: t('counts.unchanged') },
    { key: 'error', value: lines.error, color: lines.error ? 'red' : 'gray', label: t('counts.error') },
  ];
  // Contacts and invoices files create the customers they name when those do not exist yet.
  const newCustomers =
    imp.kind === 'contacts' || imp.kind === 'invoices' ? (imp.records?.customers.created ?? 0) : 0;

  return (
    <div>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {stats.map((s) => (
          <Paper key={s.key} withBorder radius="md" p="sm" data-count={s.key}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {s.label}
            </Text>
            <Text fz={28} fw={700} c={s.value ? s.color : 'dimmed'} className="numbers" lh={1.2}>
              {fmt.number(s.value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {newCustomers > 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          {t(`counts.${phase}.newCustomers`, { count: newCustomers })}
        </Text>
      )}
    </div>
  );
}
