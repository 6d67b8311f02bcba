import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession, useUpdateMe } from '../api/session.ts';
import type { Lang } from '../api/types.ts';
import { setLanguage } from '../i18n/index.ts';
import { showError } from './feedback.ts';

const LANGUAGES: { lang: Lang; label: string }[] = [
  { lang: 'en', label: 'English' },
  { lang: 'fr', label: 'Français' },
];

/** Switches between English and French; saved to the member when logged in (emails and files follow it). */
export function LanguageMenu() {
  const { t, i18n } = useTranslation();
  const { data: session } = useSession();
  const updateMe = useUpdateMe();
  const qc = useQueryClient();

  const choose = async (lang: Lang) => {
    if (session?.member) {
      try {
        await updateMe.mutateAsync({ language: lang });
      } catch (e) {
        showError(e);
        return;
      }
      // Messages computed by the server (errors, notifications) come back in the new language.
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    }
    await setLanguage(lang);
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          leftSection={<IconLanguage size={18} aria-hidden />}
          aria-label={t('language.choose')}
        >
          {i18n.language.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LANGUAGES.map((l) => (
          <Menu.Item
            key={l.lang}
            lang={l.lang}
            onClick={() => void choose(l.lang)}
            rightSection={i18n.language === l.lang ? <IconCheck size={16} aria-hidden /> : null}
            aria-current={i18n.language === l.lang ? 'true' : undefined}
          >
            {l.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
