import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { useSession } from './api/session.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { PublicLayout } from './components/PublicLayout.tsx';
import { setLanguage } from './i18n/index.ts';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage.tsx';
import { ApiKeysPage } from './pages/ApiKeysPage.tsx';
import { AuditLogPage } from './pages/AuditLogPage.tsx';
import { CustomerPage } from './pages/CustomerPage.tsx';
import { CustomersPage } from './pages/CustomersPage.tsx';
import { DunningPlansPage } from './pages/DunningPlansPage.tsx';
import { ImportDetailPage } from './pages/ImportDetailPage.tsx';
import { ImportHistoryPage } from './pages/ImportHistoryPage.tsx';
import { ImportWizardPage } from './pages/ImportWizardPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OrganizationPage } from './pages/OrganizationPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { SignUpPage } from './pages/SignUpPage.tsx';

/** Pages behind login: without a session, go to the login page and come back after. */
function RequireSession() {
  const { data } = useSession();
  const location = useLocation();
  if (!data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AppLayout />;
}

/** Pages for people not logged in: once logged in, go where they were heading. */
function PublicOnly() {
  const { data } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  if (data) return <Navigate to={from ?? '/customers'} replace />;
  return (
    <PublicLayout>
      <Outlet />
    </PublicLayout>
  );
}

/** The app's routes, once the session is known. */
export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const memberLanguage = session.data?.member?.language;

  // The member's saved language wins over the browser's as soon as they are logged in.
  useEffect(() => {
    if (memberLanguage) void setLanguage(memberLanguage);
  }, [memberLanguage]);

  if (session.isPending)
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (session.isError)
    return (
      <Center h="100vh">
        <Stack align="center">
          <Text>{t('errors.serverUnreachable')}</Text>
          <Button onClick={() => session.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );

  return (
    <Routes>
      <Route element={<PublicOnly />}>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/sign-up" element={<SignUpPage />} />
      </Route>
      <Route
        path="/invitations/:token"
        element={
          <PublicLayout>
            <AcceptInvitationPage />
          </PublicLayout>
        }
      />
      <Route element={<RequireSession />}>
        <Route path="/" element={<Navigate to="/customers" replace />} />
        <Route path="/customers" element={<CustomersPage />} />
        <Route path="/customers/:id" element={<CustomerPage />} />
        <Route path="/imports" element={<ImportHistoryPage />} />
        <Route path="/imports/new/:kind" element={<ImportWizardPage />} />
        <Route path="/imports/:id" element={<ImportDetailPage />} />
        <Route path="/profile" element={<ProfilePage />} />
        <Route path="/organization" element={<OrganizationPage />} />
        <Route path="/dunning-plans" element={<DunningPlansPage />} />
        <Route path="/api-keys" element={<ApiKeysPage />} />
        <Route path="/audit-log" element={<AuditLogPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
