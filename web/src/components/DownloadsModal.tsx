import { Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadUrl } from '../api/client.ts';
import type { ImportKind } from '../api/types.ts';

export type DownloadWhat = 'template' | 'export';

/**
 * Downloads an import template or an export, as CSV or Excel, with column names in the interface language
 * (an export uses the template's columns: edit it and import it back).
 */
export function DownloadsModal(props: {
  what: DownloadWhat | null;
  onClose: () => void;
  initialKind?: ImportKind;
}) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<ImportKind>(props.initialKind ?? 'customers');
  useEffect(() => {
    if (props.initialKind) setKind(props.initialKind);
  }, [props.initialKind]);
  const what = props.what;
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const kinds: ImportKind[] =
    what === 'export' ? ['customers', 'contacts'] : ['customers', 'contacts', 'assignments', 'invoices'];
  const chosen = kinds.includes(kind) ? kind : 'customers';
  const href = (format: 'csv' | 'xlsx') =>
    downloadUrl(
      what === 'export'
        ? `/exports/${chosen}?format=${format}&lang=${lang}`
        : `/templates/${chosen}?format=${format}&lang=${lang}`,
    );

  return (
    <Modal
      opened={what !== null}
      onClose={props.onClose}
      title={what === 'export' ? t('downloads.exportTitle') : t('downloads.templateTitle')}
      centered
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {what === 'export' ? t('downloads.exportHelp') : t('downloads.templateHelp')}
        </Text>
        <SegmentedControl
          aria-label={t('downloads.which')}
          value={chosen}
          onChange={(v) => setKind(v as ImportKind)}
          data={kinds.map((k) => ({ value: k, label: t(`downloads.kind.${k}`) }))}
          fullWidth
        />
        <Group grow>
          <Button
            component="a"
            href={href('csv')}
            download
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('downloads.csv')}
          </Button>
          <Button
            component="a"
            href={href('xlsx')}
            download
            variant="light"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('downloads.xlsx')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
