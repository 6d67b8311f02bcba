import { Badge, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type ImportStatus, RUNNING_STATUSES } from '../api/types.ts';

const COLORS: Record<ImportStatus, string> = {
  uploaded: 'gray',
  previewing: 'blue',
  previewed: 'blue',
  queued: 'blue',
  applying: 'blue',
  success: 'teal',
  error: 'orange',
  failed: 'red',
  reverting: 'grape',
  reverted: 'gray',
};

/** An import's status as a coloured badge ("Error" can mean one bad line in an otherwise imported file). */
export function StatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  const running = RUNNING_STATUSES.includes(status);
  return (
    <Badge
      color={COLORS[status]}
      variant={status === 'reverted' ? 'outline' : 'light'}
      leftSection={running ? <Loader size={10} color={COLORS[status]} aria-hidden /> : null}
      title={t(`importStatusHelp.${status}`)}
    >
      {t(`importStatus.${status}`)}
    </Badge>
  );
}
