import { Button, Code, Group, Loader, ScrollArea, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useImportErrors } from '../../api/imports.ts';
import { useFormat } from '../../i18n/format.ts';

/** The lines in error of an import, with the column, the value and how to fix it; more on demand. */
export function ErrorTable({ importId, maxHeight }: { importId: string; maxHeight?: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errors = useImportErrors(importId);
  const rows = errors.data?.pages.flatMap((p) => p.items) ?? [];
  if (errors.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('errorsTable.none')}
      </Text>
    );

  const table = (
    <Table.ScrollContainer minWidth={620} type="native">
      <Table striped stickyHeader aria-label={t('errorsTable.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>{t('errorsTable.line')}</Table.Th>
            <Table.Th>{t('errorsTable.column')}</Table.Th>
            <Table.Th>{t('errorsTable.value')}</Table.Th>
            <Table.Th>{t('errorsTable.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => (
            <Table.Tr key={`${e.line}-${e.column}-${e.code}`} data-line={e.line}>
              <Table.Td className="numbers">{fmt.number(e.line)}</Table.Td>
              <Table.Td>{e.column ?? '—'}</Table.Td>
              <Table.Td>
                {e.value ? (
                  <Code style={e.value.length > 30 ? { overflowWrap: 'anywhere' } : { whiteSpace: 'nowrap' }}>
                    {e.value}
                  </Code>
                ) : (
                  <Text span size="sm" c="dimmed">
                    {t('errorsTable.empty')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );

  return (
    <div>
      {maxHeight ? <ScrollArea.Autosize mah={maxHeight}>{table}</ScrollArea.Autosize> : table}
      {errors.hasNextPage && (
        <Group justify="center" mt="xs">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => errors.fetchNextPage()}
            loading={errors.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </div>
  );
}
