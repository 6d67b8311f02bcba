import { Badge, Group, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';

const DELIMITERS: Record<string, 'comma' | 'semicolon' | 'tab' | 'pipe'> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** What was detected in a file: format, encoding, delimiter, sheet and header line. */
export function FileFacts({ imp, showName = true }: { imp: ImportSummary; showName?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const delimiter = imp.delimiter ? DELIMITERS[imp.delimiter] : undefined;
  return (
    <Group gap="xs" wrap="wrap" aria-label={t('fileFacts.label')}>
      {showName && (
        <Group gap={6} wrap="nowrap" mr="sm">
          <IconFileSpreadsheet size={20} aria-hidden />
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {imp.fileName}
          </Text>
          <Text size="sm" c="dimmed">
            {fmt.size(imp.fileSize)}
          </Text>
        </Group>
      )}
      {imp.format && (
        <Badge variant="default" fw={500} size="lg" radius="sm">
          {t('fileFacts.format', { format: imp.format === 'xlsx' ? 'Excel' : imp.format.toUpperCase() })}
        </Badge>
      )}
      {imp.encoding && (
        <Badge variant="default" fw={500} size="lg" radius="sm">
          {t('fileFacts.encoding', { encoding: imp.encoding.toUpperCase() })}
        </Badge>
      )}
      {imp.delimiter && (
        <Badge variant="default" fw={500} size="lg" radius="sm">
          {t('fileFacts.delimiter', {
            delimiter: delimiter ? t(`fileFacts.delimiters.${delimiter}`) : imp.delimiter,
          })}
        </Badge>
      )}
      {imp.sheet && (
        <Badge variant="default" fw={500} size="lg" radius="sm">
          {t('fileFacts.sheet', { sheet: imp.sheet })}
        </Badge>
      )}
      {imp.headerLine && (
        <Badge variant="default" fw={500} size="lg" radius="sm">
          {t('fileFacts.headerLine', { line: imp.headerLine })}
        </Badge>
      )}
    </Group>
  );
}
