import { Alert, Stack } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { CodedMessage } from '../../api/types.ts';

/** The import's warnings (same file imported before, remembered mapping, ignored cells), as the server words them. */
export function ImportWarnings({ warnings }: { warnings: CodedMessage[] }) {
  if (warnings.length === 0) return null;
  return (
    <Stack gap="xs">
      {warnings.map((w) => (
        <Alert
          key={`${w.code}-${w.message}`}
          color={w.code === 'duplicate_file' ? 'yellow' : 'blue'}
          icon={<IconInfoCircle size={18} aria-hidden />}
          py="xs"
        >
          {w.message}
        </Alert>
      ))}
    </Stack>
  );
}
