import { Card, Select, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateCustomer } from '../../api/customers.ts';
import { useDunningPlans, useMembers } from '../../api/organization.ts';
import type { Customer } from '../../api/types.ts';
import { showError, showSuccess } from '../feedback.ts';

/** Who follows the customer and which dunning plan reminds it; each choice is saved at once. */
export function FollowUpCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const members = useMembers();
  const plans = useDunningPlans();
  const update = useUpdateCustomer(customer.id);
  const save = (input: { accountManagerId?: string | null; dunningPlanId?: string | null }) =>
    update.mutate(input, { onSuccess: () => showSuccess(t('customer.saved')), onError: showError });

  return (
    <Card withBorder radius="lg" padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t('customer.followUp')}
      </Title>
      <Stack>
        <Select
          label={t('customer.fields.accountManager')}
          placeholder={t('customer.nobody')}
          data={(members.data ?? []).map((m) => ({
            value: m.id,
            label: m.name ? `${m.name} (${m.email})` : m.email,
          }))}
          value={customer.accountManager?.id ?? null}
          onChange={(id) => save({ accountManagerId: id })}
          clearable
          searchable
          disabled={update.isPending}
          nothingFoundMessage={t('common.nothingFound')}
        />
        <Select
          label={t('customer.fields.dunningPlan')}
          placeholder={t('customer.noPlan')}
          data={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={customer.dunningPlan?.id ?? null}
          onChange={(id) => save({ dunningPlanId: id })}
          clearable
          searchable
          disabled={update.isPending}
          nothingFoundMessage={t('customer.noPlans')}
        />
      </Stack>
    </Card>
  );
}
