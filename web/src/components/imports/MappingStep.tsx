import { Alert, Badge, Button, Group, List, Select, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreviewImport, useSetMapping } from '../../api/imports.ts';
import type { ImportDetail } from '../../api/types.ts';
import { currentLang } from '../../i18n/index.ts';
import { errorMessage } from '../feedback.ts';
import { FileFacts } from './FileFacts.tsx';
import { checkMapping, kindFields, requirements } from './fields.ts';
import { ImportWarnings } from './ImportWarnings.tsx';

const IGNORE = '__ignore__';

/**
 * Step 2: each column of the file, up to three of its values, and the field it goes to (or ignored). What the
 * file still lacks is said before the person continues; the server checks again when the mapping is saved.
 */
export function MappingStep(props: { imp: ImportDetail; onBack: () => void; onPreviewed: () => void }) {
  const { t } = useTranslation();
  const { imp } = props;
  const lang = currentLang();
  const [mapping, setMapping] = useState<(string | null)[]>(imp.mapping);
  const save = useSetMapping(imp.id);
  const preview = usePreviewImport(imp.id);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new import (not a refetch) resets the choices
  useEffect(() => setMapping(imp.mapping), [imp.id]);

  const fields = kindFields(imp.kind, lang);
  const check = checkMapping(imp.kind, lang, imp.headers, mapping);
  const blocked = check.missing.length > 0 || check.duplicateOf.some((d) => d !== null);
  const failure = save.error ?? preview.error;
  const options = [
    { value: IGNORE, label: t('mapping.ignore') },
    ...fields.map((f) => ({ value: f.key, label: f.required ? `${f.label} *` : f.label })),
  ];

  const next = async () => {
    try {
      await save.mutateAsync(mapping);
      await preview.mutateAsync(undefined);
      props.onPreviewed();
    } catch {
      // Shown below from the mutations' state.
    }
  };

  return (
    <Stack gap="md">
      <FileFacts imp={imp} />
      <ImportWarnings warnings={imp.warnings} />
      <Group gap="lg" align="flex-start">
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('mapping.requiredTitle')}
          </Text>
          <List spacing={2} size="sm" center>
            {requirements(imp.kind, lang).map((r) => {
              const ok = !check.missing.includes(r.label);
              return (
                <List.Item
                  key={r.label}
                  icon={
                    ok ? (
                      <IconCircleCheck
                        size={18}
                        color="var(--mantine-color-teal-6)"
                        aria-label={t('mapping.found')}
                      />
                    ) : (
                      <IconCircleX
                        size={18}
                        color="var(--mantine-color-red-6)"
                        aria-label={t('mapping.missing')}
                      />
                    )
                  }
                >
                  {r.label}
                </List.Item>
              );
            })}
          </List>
        </div>
        <Text size="sm" c="dimmed" style={{ flex: '1 1 280px' }}>
          {t('mapping.help')}
        </Text>
      </Group>
      {mapping.every((f, i) => f === imp.mapping[i]) &&
        imp.problems.map((p) => (
          <Alert key={p.code + p.message} color="red" icon={<IconAlertTriangle size={18} aria-hidden />}>
            {p.message}
          </Alert>
        ))}
      {check.missing.length > 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
          {t('mapping.missingColumns', { fields: check.missing.join(', ') })}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={640} type="native">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="30%">{t('mapping.column')}</Table.Th>
              <Table.Th>{t('mapping.samples')}</Table.Th>
              <Table.Th w="34%">{t('mapping.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imp.headers.map((header, i) => {
              const field = mapping[i] ?? null;
              const duplicate = check.duplicateOf[i];
              const label = header || t('mapping.untitled', { n: i + 1 });
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position (headers may repeat or be empty)
                <Table.Tr key={`${i}-${header}`} className={field === null ? 'ignored-row' : undefined}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {label}
                    </Text>
                    {field === null && (
                      <Badge size="xs" color="gray" variant="outline" mt={4}>
                        {t('mapping.ignored')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {[...new Set(imp.samples[i] ?? [])].slice(0, 3).map((s, k) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: sample values may repeat; their order is fixed
                        <Badge key={`${k}-${s}`} variant="default" radius="sm" tt="none" fw={400} maw={180}>
                          {s}
                        </Badge>
                      ))}
                      {(imp.samples[i] ?? []).length === 0 && (
                        <Text size="xs" c="dimmed">
                          {t('mapping.noValues')}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('mapping.fieldFor', { column: label })}
                      data={options}
                      value={field ?? IGNORE}
                      onChange={(v) =>
                        setMapping((m) =>
                          m.map((f, j) => (j === i ? (v === IGNORE || v === null ? null : v) : f)),
                        )
                      }
                      allowDeselect={false}
                      searchable
                      error={duplicate ? t('mapping.duplicate', { column: duplicate }) : undefined}
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {failure && (
        <Alert color="red" role="alert">
          {errorMessage(failure)}
        </Alert>
      )}
      <Group justify="space-between">
        <Button variant="default" onClick={props.onBack}>
          {t('wizard.anotherFile')}
        </Button>
        <Button
          onClick={() => void next()}
          disabled={blocked}
          loading={save.isPending || preview.isPending}
          rightSection={<IconArrowRight size={16} aria-hidden />}
        >
          {t('wizard.toPreview')}
        </Button>
      </Group>
    </Stack>
  );
}
