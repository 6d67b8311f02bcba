import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useNotifications, useReadNotifications } from '../api/notifications.ts';
import type { AppNotification } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';

/** The bell with the unread count; its list opens the import (or page) each notification is about. */
export function NotificationsBell() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const { data } = useNotifications();
  const read = useReadNotifications();
  // No endpoint on this server (null) or not loaded yet: nothing to show.
  if (!data) return null;

  const open = (n: AppNotification) => {
    if (!n.readAt) read.one.mutate(n.id);
    setOpened(false);
    if (n.link) navigate(n.link);
  };
  const unread = data.unreadCount;

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={340}
      shadow="md"
      withinPortal
      trapFocus
    >
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={16}
          disabled={unread === 0}
          offset={4}
          color="red"
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={t('notifications.bell', { count: unread })}
            aria-haspopup="dialog"
            aria-expanded={opened}
          >
            <IconBell size={20} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label={t('notifications.title')}>
        <Group justify="space-between" px="sm" py={8}>
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          {unread > 0 && (
            <Button variant="subtle" size="compact-xs" onClick={() => read.all.mutate()}>
              {t('notifications.readAll')}
            </Button>
          )}
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={360}>
          {data.items.length === 0 ? (
            <Text size="sm" c="dimmed" p="md" ta="center">
              {t('notifications.empty')}
            </Text>
          ) : (
            <Stack gap={0}>
              {data.items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  onClick={() => open(n)}
                  px="sm"
                  py={8}
                  style={{
                    borderBottom: '1px solid var(--mantine-color-gray-2)',
                    background: n.readAt ? undefined : 'var(--mantine-color-indigo-0)',
                  }}
                >
                  <Text size="sm" fw={n.readAt ? 400 : 600}>
                    {n.title}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {n.body}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {fmt.dateTime(n.createdAt)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
