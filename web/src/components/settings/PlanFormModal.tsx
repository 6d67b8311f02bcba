import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSavePlan } from '../../api/organization.ts';
import type { DunningPlan, DunningStep, Position } from '../../api/types.ts';
import { POSITIONS } from '../customers/positions.tsx';
import { fieldErrors, showSuccess } from '../feedback.ts';

const NEW_STEP: DunningStep = { daysFromDue: 0, positions: [], includeMainContact: true };

/** Creates or edits a dunning plan: its name and its reminder steps (days from the due date, recipients). */
export function PlanFormModal(props: { plan: DunningPlan | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSavePlan();
  const [name, setName] = useState('');
  const [steps, setSteps] = useState<DunningStep[]>([]);
  const { opened, plan } = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!opened) return;
    setName(plan?.name ?? '');
    setSteps(
      plan?.steps.map((s) => ({
        daysFromDue: s.daysFromDue,
        positions: s.positions,
        includeMainContact: s.includeMainContact,
      })) ?? [{ ...NEW_STEP }],
    );
    save.reset();
  }, [opened, plan]);

  const errors = save.isError
    ? fieldErrors(save.error)
    : { fields: {} as Record<string, string>, general: null };
  const setStep = (i: number, patch: Partial<DunningStep>) =>
    setSteps((s) => s.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const positions = POSITIONS.map((p) => ({ value: p, label: t(`positions.${p}`) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { ...(plan ? { id: plan.id } : {}), name: name.trim(), steps },
      {
        onSuccess: () => {
          showSuccess(t('plans.saved'));
          props.onClose();
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={plan ? t('plans.editTitle') : t('plans.addTitle')}
      size="xl"
      centered
    >
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('plans.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.fields.name}
            data-autofocus
          />
          <Text size="sm" fw={600}>
            {t('plans.steps')}
          </Text>
          {steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity but their order
            <Group key={i} align="flex-end" gap="sm" wrap="wrap">
              <NumberInput
                label={t('plans.daysFromDue')}
                description={i === 0 ? t('plans.daysHelp') : undefined}
                value={s.daysFromDue}
                onChange={(v) => setStep(i, { daysFromDue: typeof v === 'number' ? v : Number(v) || 0 })}
                min={-365}
                max={3650}
                w={150}
              />
              <MultiSelect
                label={t('plans.positions')}
                placeholder={s.positions.length ? undefined : t('plans.positionsPlaceholder')}
                data={positions}
                value={s.positions}
                onChange={(v) => setStep(i, { positions: v as Position[] })}
                style={{ flex: '1 1 220px' }}
                clearable
              />
              <Checkbox
                label={t('plans.includeMain')}
                checked={s.includeMainContact}
                onChange={(e) => setStep(i, { includeMainContact: e.currentTarget.checked })}
                mb={8}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                aria-label={t('plans.removeStep', { n: i + 1 })}
                onClick={() => setSteps((x) => x.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="subtle"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setSteps((s) => [...s, { ...NEW_STEP }])}
            >
              {t('plans.addStep')}
            </Button>
          </Group>
          {errors.general && (
            <Text c="red" size="sm" role="alert">
              {errors.general}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
