import {
  Button,
  Checkbox,
  Chip,
  Group,
  Input,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContactMutations } from '../../api/customers.ts';
import type { Contact, ContactInput, Position } from '../../api/types.ts';
import { fieldErrors, showSuccess } from '../feedback.ts';
import { POSITIONS } from './positions.tsx';

const TEXT_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'reference'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

function initial(c: Contact | null): Record<TextField, string> {
  return Object.fromEntries(TEXT_FIELDS.map((f) => [f, c?.[f] ?? ''])) as Record<TextField, string>;
}

/** Adds a contact to a customer (email required) or edits one; positions are chips in the member's language. */
export function ContactFormModal(props: {
  customerId: string;
  contact: Contact | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { add, update } = useContactMutations(props.customerId);
  const mutation = props.contact ? update : add;
  const [v, setV] = useState(() => initial(props.contact));
  const [positions, setPositions] = useState<Position[]>([]);
  const [isMain, setIsMain] = useState(false);
  const [emailMissing, setEmailMissing] = useState(false);
  const { opened, contact } = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!opened) return;
    setV(initial(contact));
    setPositions(contact?.positions ?? []);
    setIsMain(contact?.isMain ?? false);
    setEmailMissing(false);
    add.reset();
    update.reset();
  }, [opened, contact]);

  const errors = mutation.isError
    ? fieldErrors(mutation.error)
    : { fields: {} as Record<string, string>, general: null };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!v.email.trim()) return setEmailMissing(true);
    const input: ContactInput = { positions, isMain };
    for (const f of TEXT_FIELDS) {
      const value = v[f].trim();
      // A new contact sends what was typed; an edit also clears what was emptied.
      if (value) input[f] = value;
      else if (props.contact?.[f]) input[f] = null;
    }
    const done = {
      onSuccess: () => {
        showSuccess(props.contact ? t('contacts.saved') : t('contacts.added'));
        props.onClose();
      },
    };
    if (props.contact) update.mutate({ id: props.contact.id, input }, done);
    else add.mutate(input, done);
  };

  const input = (f: TextField, extra: { type?: string; required?: boolean; autoFocus?: boolean } = {}) => (
    <TextInput
      label={t(`contacts.fields.${f}`)}
      value={v[f]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setV((s) => ({ ...s, [f]: value }));
        if (f === 'email') setEmailMissing(false);
      }}
      error={f === 'email' && emailMissing ? t('contacts.emailRequired') : errors.fields[f]}
      data-autofocus={extra.autoFocus || undefined}
      type={extra.type}
      required={extra.required}
    />
  );

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.contact ? t('contacts.editTitle') : t('contacts.addTitle')}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {input('email', { type: 'email', required: true, autoFocus: true })}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {input('firstName')}
            {input('lastName')}
            {input('phone', { type: 'tel' })}
            {input('reference')}
          </SimpleGrid>
          <Input.Wrapper label={t('contacts.fields.positions')} description={t('contacts.positionsHelp')}>
            <Chip.Group multiple value={positions} onChange={(p) => setPositions(p as Position[])}>
              <Group gap="xs" mt={6} role="group" aria-label={t('contacts.fields.positions')}>
                {POSITIONS.map((p) => (
                  <Chip key={p} value={p}>
                    {t(`positions.${p}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Input.Wrapper>
          <Checkbox
            label={t('contacts.fields.isMain')}
            description={t('contacts.isMainHelp')}
            checked={isMain}
            onChange={(e) => setIsMain(e.currentTarget.checked)}
          />
          {errors.general && (
            <Text c="red" size="sm" role="alert">
              {errors.general}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {props.contact ? t('common.save') : t('contacts.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
