import { Alert, Button, Group, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useImportHistory } from '../api/imports.ts';
import { errorMessage } from '../components/feedback.ts';
import { ImportMenu } from '../components/ImportMenu.tsx';
import { ImportHistoryTable } from '../components/imports/ImportHistoryTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

/** The import history, newest first; an "Error" status may mean one bad line in an otherwise imported file. */
export function ImportHistoryPage() {
  const { t } = useTranslation();
  const history = useImportHistory();
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('history.title')}
        description={t('history.description')}
        actions={<ImportMenu />}
      />
      <Stack gap="sm">
        {history.isError && <Alert color="red">{errorMessage(history.error)}</Alert>}
        {history.isPending ? (
          <Loader aria-label={t('common.loading')} />
        ) : (
          <ImportHistoryTable items={items} />
        )}
        {history.hasNextPage && (
          <Group justify="center">
            <Button
              variant="default"
              onClick={() => history.fetchNextPage()}
              loading={history.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    </>
  );
}
