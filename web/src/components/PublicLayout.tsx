import { Box, Center, Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageMenu } from './LanguageMenu.tsx';
import { Logo } from './Logo.tsx';

/** The frame of the pages before login: the name, a language switch and a centred card. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" px="md" py="sm">
        <Logo />
        <LanguageMenu />
      </Group>
      <Center component="main" px="sm" py="xl">
        <Container size={440} w="100%" p={0}>
          {children}
        </Container>
      </Center>
    </Box>
  );
}
