import { Alert, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRevertImport } from '../../api/imports.ts';
import { APPLIED_STATUSES, type ImportSummary } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { errorMessage } from '../feedback.ts';

/**
 * "Cancel this import": asks first (saying what will be removed and put back), then shows the revert's report,
 * including the records it left alone because someone changed them after the import.
 */
export function RevertSection({ imp }: { imp: ImportSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const revert = useRevertImport(imp.id);
  const [confirming, setConfirming] = useState(false);

  if (imp.revert) {
    const r = imp.revert;
    return (
      <Alert
        color={r.conflicts.length ? 'orange' : 'gray'}
        title={t('revert.doneTitle')}
        data-testid="revert-report"
      >
        <Text size="sm">
          {t('revert.doneText', { deleted: fmt.number(r.deleted), restored: fmt.number(r.restored) })}
        </Text>
        {r.conflicts.length > 0 && (
          <>
            <Text size="sm" mt="xs" fw={600}>
              {t('revert.conflicts', { count: r.conflicts.length })}
            </Text>
            <List size="sm" spacing={2} mt={4}>
              {r.conflicts.map((c) => (
                <List.Item key={`${c.line}-${c.recordId}`}>{c.message}</List.Item>
              ))}
            </List>
          </>
        )}
      </Alert>
    );
  }
  if (!APPLIED_STATUSES.includes(imp.status)) return null;

  const records = imp.records ? [imp.records.customers, imp.records.contacts, imp.records.invoices] : [];
  const created = records.reduce((n, r) => n + (r?.created ?? 0), 0);
  const updated = records.reduce((n, r) => n + (r?.updated ?? 0), 0);

  if (!confirming)
    return (
      <Group>
        <Button
          variant="light"
          color="red"
          leftSection={<IconArrowBackUp size={16} aria-hidden />}
          onClick={() => setConfirming(true)}
        >
          {t('revert.button')}
        </Button>
      </Group>
    );

  return (
    <Paper withBorder p="md" radius="md" bg="red.0" role="alertdialog" aria-labelledby="revert-question">
      <Stack gap="sm">
        <Text fw={600} id="revert-question">
          {t('revert.question')}
        </Text>
        <Text size="sm">
          {t('revert.explain', { created: fmt.number(created), updated: fmt.number(updated) })}
        </Text>
        {revert.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(revert.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
            {t('revert.keep')}
          </Button>
          <Button
            color="red"
            loading={revert.isPending}
            onClick={() => void revert.mutateAsync().catch(() => {})}
          >
            {t('revert.confirm')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
