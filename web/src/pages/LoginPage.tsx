import {
  Alert,
  Anchor,
  Button,
  Collapse,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogin } from '../api/session.ts';
import { errorMessage } from '../components/feedback.ts';

/** Login with email and password (and an organization, for people who belong to several). */
export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [organization, setOrganization] = useState('');
  const [showOrg, setShowOrg] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password, ...(organization.trim() ? { organization: organization.trim() } : {}) });
  };

  return (
    <Paper withBorder shadow="sm" p="xl" radius="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('auth.loginTitle')}
          </Title>
          {login.isError && (
            <Alert color="red" role="alert">
              {errorMessage(login.error)}
            </Alert>
          )}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Anchor component="button" type="button" size="sm" onClick={() => setShowOrg((s) => !s)} ta="left">
            {t('auth.chooseOrganization')}
          </Anchor>
          <Collapse in={showOrg}>
            <TextInput
              label={t('auth.organization')}
              description={t('auth.organizationHelp')}
              value={organization}
              onChange={(e) => setOrganization(e.currentTarget.value)}
            />
          </Collapse>
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('auth.login')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.noAccount')}{' '}
            <Anchor component={Link} to="/sign-up">
              {t('auth.signUp')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
