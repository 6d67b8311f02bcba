import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCreateCustomer } from '../../api/customers.ts';
import { fieldErrors, showSuccess } from '../feedback.ts';

/** "Add a client": the company name is enough; the new customer's page opens to add its contacts. */
export function AddCustomerModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateCustomer();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [externalId, setExternalId] = useState('');
  const [missing, setMissing] = useState(false);
  const errors = create.isError
    ? fieldErrors(create.error)
    : { fields: {} as Record<string, string>, general: null };

  const close = () => {
    setName('');
    setExternalId('');
    setMissing(false);
    create.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setMissing(true);
    create.mutate(
      { name: name.trim(), ...(externalId.trim() ? { externalId: externalId.trim() } : {}) },
      {
        onSuccess: (c) => {
          showSuccess(t('customers.created', { name: c.name }));
          close();
          navigate(`/customers/${c.id}`);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('customers.add')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('customers.addHelp')}
          </Text>
          <TextInput
            label={t('customer.fields.name')}
            required
            data-autofocus
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('customer.nameRequired') : errors.fields.name}
          />
          <TextInput
            label={t('customer.fields.externalId')}
            description={t('customer.externalIdHelp')}
            value={externalId}
            onChange={(e) => setExternalId(e.currentTarget.value)}
            error={errors.fields.externalId}
          />
          {errors.general && (
            <Text c="red" size="sm" role="alert">
              {errors.general}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('customers.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
