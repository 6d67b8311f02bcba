import { Alert, Anchor, Breadcrumbs, Button, Card, Loader, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowRight, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { downloadUrl } from '../api/client.ts';
import { useImport } from '../api/imports.ts';
import { errorMessage } from '../components/feedback.ts';
import { ChangesTable } from '../components/imports/ChangesTable.tsx';
import { ErrorTable } from '../components/imports/ErrorTable.tsx';
import { FileFacts } from '../components/imports/FileFacts.tsx';
import { ImportCounts } from '../components/imports/ImportCounts.tsx';
import { ImportWarnings } from '../components/imports/ImportWarnings.tsx';
import { MappingSummary } from '../components/imports/MappingSummary.tsx';
import { RevertSection } from '../components/imports/RevertSection.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useFormat } from '../i18n/format.ts';

/** One import of the history: who, when, counts, the lines in error, the data each line wrote, the mapping. */
export function ImportDetailPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const imp = useImport(id);

  const crumbs = (
    <Breadcrumbs mb="xs">
      <Anchor component={Link} to="/imports" size="sm">
        {t('history.title')}
      </Anchor>
      <span>{imp.data?.fileName ?? ''}</span>
    </Breadcrumbs>
  );
  if (imp.isPending) return <Loader aria-label={t('common.loading')} />;
  if (imp.isError)
    return (
      <>
        {crumbs}
        <Alert color="red">{errorMessage(imp.error)}</Alert>
      </>
    );
  const d = imp.data;
  const errors = d.lines?.error ?? 0;
  const unfinished = d.status === 'uploaded' || d.status === 'previewed';
  const applied = ['success', 'error', 'reverting', 'reverted'].includes(d.status);

  return (
    <>
      {crumbs}
      <PageHeader
        title={d.fileName}
        badge={<StatusBadge status={d.status} />}
        description={t('detail.subtitle', {
          kind: t(`kinds.${d.kind}`),
          mode: t(`wizard.modes.${d.mode}`),
          who: d.startedBy?.name || d.startedBy?.email || t('history.api'),
          date: fmt.dateTime(d.createdAt),
        })}
        actions={
          <>
            {unfinished && (
              <Button
                component={Link}
                to={`/imports/new/${d.kind}?id=${d.id}`}
                rightSection={<IconArrowRight size={16} aria-hidden />}
              >
                {t('detail.continue')}
              </Button>
            )}
            <Button
              component="a"
              href={downloadUrl(`/imports/${d.id}/file`)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('detail.downloadOriginal')}
            </Button>
            {errors > 0 && (
              <Button
                component="a"
                href={downloadUrl(`/imports/${d.id}/error-file`)}
                download
                variant="light"
                leftSection={<IconDownload size={16} aria-hidden />}
              >
                {t('result.downloadErrors')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <Card withBorder radius="lg" padding="lg">
          <Stack gap="md">
            <FileFacts imp={d} showName={false} />
            {d.refusal && (
              <Alert color="red" title={t('result.failed')}>
                {d.refusal.message}
              </Alert>
            )}
            {d.lines && <ImportCounts imp={d} phase={applied ? 'result' : 'preview'} />}
            <Text size="sm" c="dimmed">
              {t('detail.times', {
                started: fmt.dateTime(d.startedAt),
                finished: fmt.dateTime(d.finishedAt),
              })}
              {d.revertedAt ? ` · ${t('detail.revertedAt', { date: fmt.dateTime(d.revertedAt) })}` : ''}
            </Text>
            <ImportWarnings warnings={d.warnings} />
            <RevertSection imp={d} />
          </Stack>
        </Card>
        <Tabs defaultValue={errors > 0 ? 'errors' : 'changes'} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="errors">{t('detail.tabs.errors', { count: errors })}</Tabs.Tab>
            <Tabs.Tab value="changes">{t('detail.tabs.changes')}</Tabs.Tab>
            <Tabs.Tab value="mapping">{t('detail.tabs.mapping')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="errors" pt="md">
            <ErrorTable importId={d.id} />
          </Tabs.Panel>
          <Tabs.Panel value="changes" pt="md">
            {applied ? (
              <ChangesTable importId={d.id} linkRecords={d.status !== 'reverted'} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('detail.notApplied')}
              </Text>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="mapping" pt="md">
            <MappingSummary imp={d} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}
