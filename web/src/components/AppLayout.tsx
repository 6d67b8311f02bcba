import { AppShell, Burger, Group, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuilding,
  IconFileImport,
  IconKey,
  IconTimeline,
  IconUser,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useCurrentSession } from '../api/session.ts';
import { LanguageMenu } from './LanguageMenu.tsx';
import { Logo } from './Logo.tsx';
import { NotificationsBell } from './NotificationsBell.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The frame of every logged-in page: header, navigation (a burger menu on small screens) and content. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();

  // Choosing a page on a phone closes the menu that covered it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the reason to close
  useEffect(() => close(), [pathname, close]);

  const items = [
    { to: '/customers', label: t('nav.customers'), icon: IconUsersGroup },
    { to: '/imports', label: t('nav.imports'), icon: IconFileImport },
    { to: '/dunning-plans', label: t('nav.dunningPlans'), icon: IconTimeline },
    { to: '/organization', label: t('nav.organization'), icon: IconBuilding },
    ...(session.role === 'admin' ? [{ to: '/api-keys', label: t('nav.apiKeys'), icon: IconKey }] : []),
    { to: '/profile', label: t('nav.profile'), icon: IconUser },
  ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <UnstyledButton component={Link} to="/customers" aria-label={t('nav.home')}>
              <Logo />
            </UnstyledButton>
            <Text size="sm" c="dimmed" visibleFrom="md" truncate maw={220}>
              {session.organization.name}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <NotificationsBell />
            <LanguageMenu />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="main-navigation" component="nav" aria-label={t('nav.main')}>
        <ScrollArea>
          {items.map((item) => {
            const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
