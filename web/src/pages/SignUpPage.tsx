import {
  Alert,
  Anchor,
  Button,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignUp } from '../api/session.ts';
import type { Lang } from '../api/types.ts';
import { fieldErrors } from '../components/feedback.ts';
import { setLanguage } from '../i18n/index.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates an organization and its first admin. */
export function SignUpPage() {
  const { t, i18n } = useTranslation();
  const signUp = useSignUp();
  const [v, setV] = useState({ organizationName: '', name: '', email: '', password: '' });
  const [checked, setChecked] = useState(false);
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';
  // The value is read now: React clears currentTarget once the event is handled, before the update runs.
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setV((s) => ({ ...s, [k]: value }));
  };

  // Checked here so that each field says what is wrong with it, in the person's language.
  const local: Partial<Record<keyof typeof v, string>> = {
    organizationName: v.organizationName.trim() ? undefined : t('auth.required'),
    name: v.name.trim() ? undefined : t('auth.required'),
    email: EMAIL.test(v.email.trim()) ? undefined : t('auth.invalidEmail'),
    password: v.password.length >= 8 ? undefined : t('auth.passwordTooShort'),
  };
  const server = signUp.isError ? fieldErrors(signUp.error) : { fields: {}, general: null };
  const error = (k: keyof typeof v) => (checked ? local[k] : undefined) ?? server.fields[k];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.values(local).some(Boolean)) return;
    signUp.mutate({ ...v, email: v.email.trim(), language: lang });
  };

  return (
    <Paper withBorder shadow="sm" p="xl" radius="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <div>
            <Title order={1} size="h2">
              {t('auth.signUpTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('auth.signUpIntro')}
            </Text>
          </div>
          {server.general && (
            <Alert color="red" role="alert">
              {server.general}
            </Alert>
          )}
          <TextInput
            label={t('auth.organizationName')}
            required
            autoComplete="organization"
            value={v.organizationName}
            onChange={set('organizationName')}
            error={error('organizationName')}
            autoFocus
          />
          <TextInput
            label={t('auth.yourName')}
            required
            autoComplete="name"
            value={v.name}
            onChange={set('name')}
            error={error('name')}
          />
          <TextInput
            label={t('auth.email')}
            type="email"
            required
            autoComplete="email"
            value={v.email}
            onChange={set('email')}
            error={error('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('auth.passwordHelp')}
            required
            autoComplete="new-password"
            value={v.password}
            onChange={set('password')}
            error={error('password')}
          />
          <Select
            label={t('auth.language')}
            value={lang}
            onChange={(l) => l && void setLanguage(l as Lang)}
            data={[
              { value: 'en', label: 'English' },
              { value: 'fr', label: 'Français' },
            ]}
            allowDeselect={false}
          />
          <Button type="submit" loading={signUp.isPending} fullWidth>
            {t('auth.createAccount')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.haveAccount')}{' '}
            <Anchor component={Link} to="/login">
              {t('auth.login')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
