import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../api/types.ts';
import { currentLang } from '../../i18n/index.ts';
import { fieldLabel } from './fields.ts';

/** The mapping an import used: each file column and the field it went to (or ignored). */
export function MappingSummary({ imp }: { imp: ImportSummary }) {
  const { t } = useTranslation();
  const lang = currentLang();
  if (imp.headers.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('detail.noMapping')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={480} type="native">
      <Table aria-label={t('detail.tabs.mapping')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('mapping.column')}</Table.Th>
            <Table.Th>{t('mapping.field')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imp.headers.map((h, i) => {
            const field = imp.mapping[i] ?? null;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position (headers may repeat or be empty)
              <Table.Tr key={`${i}-${h}`} className={field === null ? 'ignored-row' : undefined}>
                <Table.Td fw={500}>{h || t('mapping.untitled', { n: i + 1 })}</Table.Td>
                <Table.Td>{field ? fieldLabel(imp.kind, field, lang) : t('mapping.ignored')}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
