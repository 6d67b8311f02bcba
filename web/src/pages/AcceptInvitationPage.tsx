import { Alert, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useAcceptInvitation } from '../api/session.ts';
import { errorMessage } from '../components/feedback.ts';

/** Joins an organization from an invitation link (a new person also chooses a name and a password). */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate(
      { token, ...(name.trim() ? { name: name.trim() } : {}), ...(password ? { password } : {}) },
      { onSuccess: () => navigate('/customers', { replace: true }) },
    );
  };

  return (
    <Paper withBorder shadow="sm" p="xl" radius="lg">
      <form onSubmit={submit}>
        <Stack>
          <Title order={1} size="h2">
            {t('auth.invitationTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('auth.invitationIntro')}
          </Text>
          {accept.isError && (
            <Alert color="red" role="alert">
              {errorMessage(accept.error)}
            </Alert>
          )}
          <TextInput
            label={t('auth.yourName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('auth.invitationPasswordHelp')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={accept.isPending}>
            {t('auth.joinOrganization')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
