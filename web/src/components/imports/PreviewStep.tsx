import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApplyImport } from '../../api/imports.ts';
import type { ImportDetail } from '../../api/types.ts';
import { errorMessage } from '../feedback.ts';
import { ErrorTable } from './ErrorTable.tsx';
import { FileFacts } from './FileFacts.tsx';
import { ImportCounts } from './ImportCounts.tsx';
import { ImportWarnings } from './ImportWarnings.tsx';

/** Step 3: what the import would do, every line checked and nothing written; then "Validate import". */
export function PreviewStep(props: { imp: ImportDetail; onBack: () => void; onApplied: () => void }) {
  const { t } = useTranslation();
  const { imp } = props;
  const apply = useApplyImport(imp.id);
  const lines = imp.lines;
  const nothingToDo = lines !== null && lines.created + lines.updated === 0;

  return (
    <Stack gap="md">
      <FileFacts imp={imp} />
      <Alert color="blue" icon={<IconInfoCircle size={18} aria-hidden />}>
        {t('preview.nothingWritten')}
      </Alert>
      <ImportCounts imp={imp} phase="preview" />
      <ImportWarnings warnings={imp.warnings} />
      {lines && lines.error > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('preview.errorsTitle', { count: lines.error })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('preview.errorsHelp')}
          </Text>
          <ErrorTable importId={imp.id} maxHeight={360} />
        </Stack>
      )}
      {nothingToDo && (
        <Text size="sm" c="dimmed">
          {t('preview.nothingToDo')}
        </Text>
      )}
      {apply.isError && (
        <Alert color="red" role="alert">
          {errorMessage(apply.error)}
        </Alert>
      )}
      <Group justify="space-between">
        <Button
          variant="default"
          leftSection={<IconArrowLeft size={16} aria-hidden />}
          onClick={props.onBack}
        >
          {t('wizard.backToMapping')}
        </Button>
        <Button
          color="teal"
          leftSection={<IconCheck size={16} aria-hidden />}
          loading={apply.isPending}
          disabled={nothingToDo}
          onClick={() => apply.mutate(undefined, { onSuccess: props.onApplied })}
        >
          {t('wizard.validate')}
        </Button>
      </Group>
    </Stack>
  );
}
