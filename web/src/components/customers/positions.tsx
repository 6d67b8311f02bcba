import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { POSITIONS } from '../../../../src/domain/values/positions.ts';
import type { Position } from '../../api/types.ts';

export { POSITIONS };

const COLORS: Record<Position, string> = {
  accounting: 'indigo',
  sales: 'cyan',
  buyer: 'grape',
  finance: 'teal',
};

/** A contact's positions as badges, in the interface language. */
export function PositionBadges({ positions }: { positions: Position[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {positions.map((p) => (
        <Badge key={p} color={COLORS[p]} variant="light" size="sm" radius="sm">
          {t(`positions.${p}`)}
        </Badge>
      ))}
    </Group>
  );
}
