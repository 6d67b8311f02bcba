import { Alert, Button, Card, Chip, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { type CustomerListParams, useCustomerPage } from '../api/customers.ts';
import { useCurrentSession } from '../api/session.ts';
import { AddCustomerModal } from '../components/customers/AddCustomerModal.tsx';
import { CustomerTable } from '../components/customers/CustomerTable.tsx';
import { QualityPanel } from '../components/customers/QualityPanel.tsx';
import { DownloadsModal } from '../components/DownloadsModal.tsx';
import { errorMessage } from '../components/feedback.ts';
import { ImportMenu } from '../components/ImportMenu.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

type Sort = CustomerListParams['sort'];
const SORTS: Sort[] = ['name', 'createdAt', 'updatedAt'];
// The data-quality filters: each chip's value and the list parameter of the API it sets. The address accepts
// either (`?filter=noMain` from the chips, `?withoutMainContact=true` from the data-quality panel).
const FILTERS = {
  noContacts: 'withoutContacts',
  noMain: 'withoutMainContact',
  noPosition: 'withContactWithoutPosition',
} as const;
type Filter = keyof typeof FILTERS;
const FILTER_NAMES = Object.keys(FILTERS) as Filter[];
const API_FILTERS: Record<string, null> = Object.fromEntries(Object.values(FILTERS).map((k) => [k, null]));

/**
 * The customer list: debounced search, sort, data-quality filters and keyset pages of 50 rows (one page in the
 * page at a time, so it stays fast with 100,000 customers). Search and sort live in the URL.
 */
export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const [template, setTemplate] = useState(false);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const sortParam = params.get('sort') as Sort | null;
  const sort: Sort = sortParam && SORTS.includes(sortParam) ? sortParam : 'name';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const chosen = params.getAll('filter');
  const filters = FILTER_NAMES.filter((f) => chosen.includes(f) || params.get(FILTERS[f]) === 'true');
  const { organization } = useCurrentSession();
  // Cursors of the pages before the current one: "Previous" pops, "Next" pushes.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);

  const update = (changes: Record<string, string | string[] | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      next.delete(k);
      if (Array.isArray(v)) for (const x of v) next.append(k, x);
      else if (v) next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const filterKey = filters.join(',');
  // Any change of what is listed starts again from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the values are the reasons to reset
  useEffect(() => setCursors([]), [debounced, sort, order, filterKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced search writes the URL
  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced) update({ q: debounced || null });
  }, [debounced]);

  const list = useCustomerPage({
    q: debounced || undefined,
    sort,
    order,
    cursor,
    withoutContacts: filters.includes('noContacts') || undefined,
    withoutMainContact: filters.includes('noMain') || undefined,
    withContactWithoutPosition: filters.includes('noPosition') || undefined,
  });

  // A data-quality link: the same list (search, sort) with only that problem's filter.
  const qualityLink = (query: Record<string, string>) => {
    const next = new URLSearchParams(params);
    next.delete('filter');
    for (const k of Object.keys(API_FILTERS)) next.delete(k);
    for (const [k, v] of Object.entries(query)) next.set(k, v);
    return `/customers?${next}`;
  };

  // A second click on the sorted column reverses it; dates start with the newest.
  const onSort = (key: Sort) => {
    if (key === sort) update({ order: order === 'asc' ? 'desc' : 'asc' });
    else update({ sort: key, order: key === 'name' ? 'asc' : 'desc' });
  };

  const empty = list.data && list.data.items.length === 0 && !cursor && !debounced && filters.length === 0;

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        actions={
          <>
            <ImportMenu />
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
              {t('customers.add')}
            </Button>
          </>
        }
      />
      {empty ? (
        <Card withBorder padding="xl" radius="lg">
          <Stack align="center" gap="sm" py="lg">
            <Title order={2} size="h3">
              {t('customers.emptyTitle')}
            </Title>
            <Text c="dimmed" ta="center" maw={520}>
              {t('customers.emptyText')}
            </Text>
            <Group justify="center">
              <Button onClick={() => setAdding(true)}>{t('customers.add')}</Button>
              {organization.customersUpdatableByFiles && (
                <Button variant="light" onClick={() => navigate('/imports/new/customers')}>
                  {t('importMenu.customers')}
                </Button>
              )}
              <Button variant="subtle" onClick={() => setTemplate(true)}>
                {t('importMenu.template')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : (
        <Stack gap="sm">
          <QualityPanel linkTo={qualityLink} />
          <Group align="flex-end" gap="md" wrap="wrap">
            <TextInput
              label={t('customers.search')}
              placeholder={t('customers.searchPlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              rightSection={list.isFetching ? <Loader size={14} aria-hidden /> : null}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              style={{ flex: '1 1 260px', maxWidth: 420 }}
              type="search"
            />
            <Chip.Group multiple value={filters} onChange={(v) => update({ ...API_FILTERS, filter: v })}>
              <Group gap="xs" role="group" aria-label={t('customers.filters')}>
                <Chip value="noContacts" size="sm">
                  {t('customers.filterNoContacts')}
                </Chip>
                <Chip value="noMain" size="sm">
                  {t('customers.filterNoMain')}
                </Chip>
                <Chip value="noPosition" size="sm">
                  {t('customers.filterNoPosition')}
                </Chip>
              </Group>
            </Chip.Group>
          </Group>
          {list.isError && <Alert color="red">{errorMessage(list.error)}</Alert>}
          {list.data ? (
            <CustomerTable
              items={list.data.items}
              sort={sort}
              order={order}
              onSort={onSort}
              loading={list.isPlaceholderData}
            />
          ) : (
            list.isPending && <Loader m="xl" aria-label={t('common.loading')} />
          )}
          <Group justify="space-between">
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('customers.page', { page: cursors.length + 1 })}
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconChevronLeft size={16} aria-hidden />}
                disabled={cursors.length === 0}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                {t('common.previous')}
              </Button>
              <Button
                variant="default"
                rightSection={<IconChevronRight size={16} aria-hidden />}
                disabled={!list.data?.nextCursor || list.isPlaceholderData}
                onClick={() => {
                  const next = list.data?.nextCursor;
                  if (next) setCursors((c) => [...c, next]);
                }}
              >
                {t('common.next')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
      <AddCustomerModal opened={adding} onClose={() => setAdding(false)} />
      <DownloadsModal what={template ? 'template' : null} onClose={() => setTemplate(false)} />
    </>
  );
}
