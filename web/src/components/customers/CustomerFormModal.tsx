import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateCustomer } from '../../api/customers.ts';
import type { Customer, CustomerInput } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { fieldErrors, showSuccess } from '../feedback.ts';
import { countryOptions } from './countries.ts';

const FIELDS = [
  'name',
  'externalId',
  'email',
  'phone',
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'country',
  'vatNumber',
] as const;
type Field = (typeof FIELDS)[number];

function initial(c: Customer): Record<Field, string> {
  return Object.fromEntries(FIELDS.map((f) => [f, c[f] ?? ''])) as Record<Field, string>;
}

/** Edits a customer's details; the server's message for each refused field shows under that field. */
export function CustomerFormModal(props: { customer: Customer; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const update = useUpdateCustomer(props.customer.id);
  const [v, setV] = useState(() => initial(props.customer));
  const countries = useMemo(() => countryOptions(fmt.locale), [fmt.locale]);
  const errors = update.isError
    ? fieldErrors(update.error)
    : { fields: {} as Record<string, string>, general: null };
  const [nameMissing, setNameMissing] = useState(false);
  const { opened, customer } = props;
  // Each opening starts from the customer as it is now (it may have changed since the last one).
  useEffect(() => {
    if (opened) setV(initial(customer));
  }, [opened, customer]);

  const close = () => {
    update.reset();
    setNameMissing(false);
    setV(initial(props.customer));
    props.onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!v.name.trim()) return setNameMissing(true);
    // Only what changed is sent; an emptied field is cleared (null).
    const before = initial(props.customer);
    const patch: CustomerInput = {};
    for (const f of FIELDS) if (v[f].trim() !== before[f]) patch[f] = v[f].trim() || null;
    if (Object.keys(patch).length === 0) return close();
    update.mutate(patch, {
      onSuccess: () => {
        showSuccess(t('customer.saved'));
        props.onClose();
      },
    });
  };

  const input = (f: Field, extra: { required?: boolean; type?: string; autoComplete?: string } = {}) => (
    <TextInput
      label={t(`customer.fields.${f}`)}
      value={v[f]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setV((s) => ({ ...s, [f]: value }));
        if (f === 'name') setNameMissing(false);
      }}
      error={f === 'name' && nameMissing ? t('customer.nameRequired') : errors.fields[f]}
      {...extra}
    />
  );

  return (
    <Modal opened={props.opened} onClose={close} title={t('customer.editTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {input('name', { required: true })}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('externalId')}
            {input('vatNumber')}
            {input('email', { type: 'email' })}
            {input('phone', { type: 'tel' })}
          </SimpleGrid>
          {input('addressLine1')}
          {input('addressLine2')}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {input('postalCode')}
            {input('city')}
            <Select
              label={t('customer.fields.country')}
              data={countries}
              value={v.country || null}
              onChange={(c) => setV((s) => ({ ...s, country: c ?? '' }))}
              searchable
              clearable
              error={errors.fields.country}
              nothingFoundMessage={t('common.nothingFound')}
            />
          </SimpleGrid>
          {errors.general && (
            <Text c="red" size="sm" role="alert">
              {errors.general}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
