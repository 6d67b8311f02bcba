import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ImportDetail, RUNNING_STATUSES } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { ImportCounts } from './ImportCounts.tsx';

/**
 * Step 4: the import runs in the background (the page polls it); a progress bar while it runs, then the
 * result, which the pop-up also shows.
 */
export function ApplyStep(props: { imp: ImportDetail; onShowResult: () => void; onAnother: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { imp } = props;
  const running = RUNNING_STATUSES.includes(imp.status);
  const { linesDone, linesTotal, percent } = imp.progress;

  if (running)
    return (
      <Stack gap="sm" maw={640} py="md">
        <Text fw={600} aria-live="polite">
          {imp.status === 'queued'
            ? t('apply.queued')
            : imp.status === 'reverting'
              ? t('apply.reverting')
              : t('apply.running')}
        </Text>
        <Progress
          value={percent ?? 0}
          size="xl"
          radius="md"
          animated
          striped
          aria-label={t('apply.progressLabel')}
        />
        <Text size="sm" className="numbers">
          {linesTotal
            ? t('apply.lines', {
                done: fmt.number(linesDone),
                total: fmt.number(linesTotal),
                percent: percent ?? 0,
              })
            : t('apply.starting')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('apply.canLeave')}
        </Text>
      </Stack>
    );

  return (
    <Stack gap="md">
      {imp.status === 'failed' ? (
        <Alert color="red" title={t('result.failed')}>
          {imp.refusal?.message ?? t('errors.internal')}
        </Alert>
      ) : (
        <ImportCounts imp={imp} phase="result" />
      )}
      <Group>
        <Button onClick={props.onShowResult}>{t('apply.showResult')}</Button>
        <Button variant="default" component={Link} to={`/imports/${imp.id}`}>
          {t('result.details')}
        </Button>
        <Button variant="default" onClick={props.onAnother}>
          {t('apply.another')}
        </Button>
        <Button variant="subtle" component={Link} to="/customers">
          {t('apply.toCustomers')}
        </Button>
      </Group>
    </Stack>
  );
}
