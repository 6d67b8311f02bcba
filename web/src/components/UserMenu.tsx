import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconBuilding, IconLogout, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentSession, useLogout } from '../api/session.ts';

function initials(name: string, email: string): string {
  const words = (name || email).split(/[\s@._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words[1]?.[0] ?? '')).toUpperCase() || '?';
}

/** The logged-in member: profile, organization and logout. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const member = session.member;
  const name = member?.name || member?.email || '';

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('nav.account', { name })} p={4} style={{ borderRadius: 8 }}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="indigo">
              {initials(member?.name ?? '', member?.email ?? '')}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" truncate maw={160}>
              {name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{member?.email}</Menu.Label>
        <Menu.Item leftSection={<IconUser size={16} aria-hidden />} onClick={() => navigate('/profile')}>
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconBuilding size={16} aria-hidden />}
          onClick={() => navigate('/organization')}
        >
          {t('nav.organization')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
        >
          {t('auth.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
