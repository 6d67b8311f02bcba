import { Alert, Button, Group, Modal, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCheck, IconDownload, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { downloadUrl } from '../../api/client.ts';
import type { ImportSummary } from '../../api/types.ts';
import { ErrorTable } from './ErrorTable.tsx';
import { ImportCounts } from './ImportCounts.tsx';
import { RevertSection } from './RevertSection.tsx';

/** The pop-up at the end of an import: counts, the lines in error in place, their file, and cancelling it. */
export function ResultModal(props: { imp: ImportSummary; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { imp } = props;
  const errors = imp.lines?.error ?? 0;
  const title =
    imp.status === 'failed'
      ? t('result.failed')
      : imp.status === 'reverted'
        ? t('result.reverted')
        : errors > 0
          ? t('result.withErrors')
          : t('result.success');

  const [color, Icon] =
    imp.status === 'failed'
      ? ['red', IconX]
      : imp.status === 'reverted'
        ? ['gray', IconArrowBackUp]
        : errors > 0
          ? ['orange', IconAlertTriangle]
          : ['teal', IconCheck];
  const heading = (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon color={color} variant="light" radius="xl" size="lg" aria-hidden>
        <Icon size={20} />
      </ThemeIcon>
      <Text fw={700} size="lg">
        {title}
      </Text>
    </Group>
  );

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={heading} size="xl" centered>
      <Stack gap="md">
        {imp.status === 'failed' && imp.refusal && (
          <Alert color="red" role="alert">
            {imp.refusal.message}
          </Alert>
        )}
        <ImportCounts imp={imp} phase="result" />
        {errors > 0 && imp.status !== 'failed' && (
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('result.errorsTitle', { count: errors })}
            </Title>
            <Text size="sm" c="dimmed">
              {t('result.errorsHelp')}
            </Text>
            <ErrorTable importId={imp.id} maxHeight={260} />
            <Group>
              <Button
                component="a"
                href={downloadUrl(`/imports/${imp.id}/error-file`)}
                download
                variant="light"
                leftSection={<IconDownload size={16} aria-hidden />}
              >
                {t('result.downloadErrors')}
              </Button>
            </Group>
          </Stack>
        )}
        <RevertSection imp={imp} />
        <Group justify="flex-end">
          <Button variant="default" component={Link} to={`/imports/${imp.id}`}>
            {t('result.details')}
          </Button>
          <Button onClick={props.onClose} data-autofocus>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
