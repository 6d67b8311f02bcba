import { Alert, Anchor, Group, Progress, Select, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconFileUpload, IconUpload, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadUrl } from '../../api/client.ts';
import { useUploadImport } from '../../api/imports.ts';
import type { ImportDetail, ImportKind, ImportMode } from '../../api/types.ts';
import { currentLang } from '../../i18n/index.ts';
import { errorMessage } from '../feedback.ts';
import { requirements } from './fields.ts';

const MODES: ImportMode[] = ['create_update', 'create_only', 'update_only'];

/**
 * Step 1: choose a file (drop it, click, or focus the zone and press Enter). It is uploaded at once; nothing
 * is written to customers or contacts before the person validates the preview.
 */
export function UploadStep(props: { kind: ImportKind; onUploaded: (imp: ImportDetail) => void }) {
  const { t } = useTranslation();
  const upload = useUploadImport();
  const [mode, setMode] = useState<ImportMode>('create_update');
  const [progress, setProgress] = useState(0);
  const lang = currentLang();
  const required = requirements(props.kind, lang).map((r) => r.label);

  const send = (file: File | undefined) => {
    if (!file) return;
    setProgress(0);
    upload.mutate({ kind: props.kind, mode, file, onProgress: setProgress }, { onSuccess: props.onUploaded });
  };
  const template = (format: 'csv' | 'xlsx') =>
    downloadUrl(`/templates/${props.kind}?format=${format}&lang=${lang}`);

  return (
    <Stack gap="md" maw={760}>
      <Text size="sm">{t('wizard.upload.intro')}</Text>
      <Text size="sm">
        {t('wizard.upload.required', { fields: required.join(' · ') })} {t('wizard.upload.templateLead')}{' '}
        <Anchor href={template('csv')} download>
          {t('downloads.csv')}
        </Anchor>
        {' · '}
        <Anchor href={template('xlsx')} download>
          {t('downloads.xlsx')}
        </Anchor>
      </Text>
      {props.kind !== 'assignments' && (
        <Select
          label={t('wizard.upload.mode')}
          data={MODES.map((m) => ({ value: m, label: t(`wizard.modes.${m}`) }))}
          value={mode}
          onChange={(m) => m && setMode(m as ImportMode)}
          allowDeselect={false}
          description={t(`wizard.modeHelp.${mode}`)}
          maw={420}
        />
      )}
      <Dropzone
        onDrop={(files) => send(files[0])}
        multiple={false}
        // The file input (not the File System Access picker): works in every browser and honours `accept`.
        useFsAccessApi={false}
        loading={upload.isPending}
        maxFiles={1}
        inputProps={{ accept: '.csv,.txt,.tsv,.xlsx,text/csv,text/plain' }}
        role="button"
        aria-label={t('wizard.upload.dropzoneLabel')}
        radius="lg"
      >
        <Group justify="center" gap="lg" mih={150} style={{ pointerEvents: 'none' }} wrap="nowrap">
          <Dropzone.Accept>
            <IconUpload size={48} stroke={1.4} color="var(--mantine-color-indigo-6)" aria-hidden />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={48} stroke={1.4} color="var(--mantine-color-red-6)" aria-hidden />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileUpload size={48} stroke={1.4} color="var(--mantine-color-dimmed)" aria-hidden />
          </Dropzone.Idle>
          <div>
            <Text size="lg" fw={500}>
              {t('wizard.upload.drop')}
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              {t('wizard.upload.formats')}
            </Text>
          </div>
        </Group>
      </Dropzone>
      {upload.isPending && (
        <Progress value={progress * 100} size="md" animated aria-label={t('wizard.upload.uploading')} />
      )}
      {upload.isError && (
        <Alert color="red" title={t('wizard.upload.refused')} role="alert">
          {errorMessage(upload.error)}
        </Alert>
      )}
    </Stack>
  );
}
