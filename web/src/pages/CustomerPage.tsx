import { Alert, Anchor, Badge, Breadcrumbs, Button, Grid, Loader, Stack } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCustomer, useDeleteCustomer } from '../api/customers.ts';
import { ConfirmModal } from '../components/ConfirmModal.tsx';
import { ContactsCard } from '../components/customers/ContactsCard.tsx';
import { CustomerDetails } from '../components/customers/CustomerDetails.tsx';
import { CustomerFormModal } from '../components/customers/CustomerFormModal.tsx';
import { FollowUpCard } from '../components/customers/FollowUpCard.tsx';
import { InvoicesCard } from '../components/customers/InvoicesCard.tsx';
import { errorMessage, showError, showSuccess } from '../components/feedback.ts';
import { PageHeader } from '../components/PageHeader.tsx';

/** One customer: details, follow-up (account manager, dunning plan), contacts, invoices and open balance. */
export function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const customer = useCustomer(id);
  const remove = useDeleteCustomer(id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const crumbs = (
    <Breadcrumbs mb="xs">
      <Anchor component={Link} to="/customers" size="sm">
        {t('customers.title')}
      </Anchor>
      <span>{customer.data?.name ?? ''}</span>
    </Breadcrumbs>
  );
  if (customer.isPending) return <Loader aria-label={t('common.loading')} />;
  if (customer.isError)
    return (
      <>
        {crumbs}
        <Alert color="red">{errorMessage(customer.error)}</Alert>
      </>
    );
  const c = customer.data;

  return (
    <>
      {crumbs}
      <PageHeader
        title={c.name}
        badge={
          c.contactCount === 0 ? (
            <Badge color="orange" variant="light">
              {t('customers.noContacts')}
            </Badge>
          ) : null
        }
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={() => setEditing(true)}
            >
              {t('common.edit')}
            </Button>
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => setDeleting(true)}
            >
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <CustomerDetails customer={c} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <FollowUpCard customer={c} />
          </Grid.Col>
        </Grid>
        <ContactsCard customerId={c.id} />
        <InvoicesCard customerId={c.id} />
      </Stack>
      <CustomerFormModal customer={c} opened={editing} onClose={() => setEditing(false)} />
      <ConfirmModal
        opened={deleting}
        title={t('customer.deleteTitle')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              showSuccess(t('customer.deleted', { name: c.name }));
              navigate('/customers');
            },
            onError: showError,
          })
        }
      >
        {t('customer.deleteText', { name: c.name, count: c.contactCount })}
      </ConfirmModal>
    </>
  );
}
