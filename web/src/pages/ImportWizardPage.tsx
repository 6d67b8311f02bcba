import { Alert, Anchor, Breadcrumbs, Loader, Paper, Stepper } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useImport } from '../api/imports.ts';
import { type ImportStatus, RUNNING_STATUSES } from '../api/types.ts';
import { errorMessage } from '../components/feedback.ts';
import { ApplyStep } from '../components/imports/ApplyStep.tsx';
import { isKind } from '../components/imports/fields.ts';
import { MappingStep } from '../components/imports/MappingStep.tsx';
import { PreviewStep } from '../components/imports/PreviewStep.tsx';
import { ResultModal } from '../components/imports/ResultModal.tsx';
import { UploadStep } from '../components/imports/UploadStep.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** The step an import's status puts the wizard on: the URL's `?id=` lets a reload resume where it was. */
function stepOf(status: ImportStatus | undefined): number {
  if (!status) return 0;
  if (status === 'uploaded') return 1;
  if (status === 'previewing' || status === 'previewed') return 2;
  return 3;
}

/** The import wizard: file, mapping, preview, import (with progress), then the result pop-up. */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const { kind } = useParams();
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ?? undefined;
  const imp = useImport(id);
  const [editingMapping, setEditingMapping] = useState(false);
  const [resultOpen, setResultOpen] = useState(false);
  const shownFor = useRef<string | null>(null);
  const status = imp.data?.status;
  const statusStep = stepOf(id ? status : undefined);
  const step = editingMapping && statusStep === 2 ? 1 : statusStep;

  // The result pops up once, when the background work of this import ends.
  useEffect(() => {
    if (!imp.data || statusStep !== 3 || RUNNING_STATUSES.includes(imp.data.status)) return;
    if (shownFor.current === imp.data.id) return;
    shownFor.current = imp.data.id;
    setResultOpen(true);
  }, [imp.data, statusStep]);

  if (!isKind(kind)) return <NotFoundPage />;
  const importKind = imp.data?.kind ?? kind;
  const restart = () => {
    setEditingMapping(false);
    setResultOpen(false);
    setParams({}, { replace: false });
  };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/imports" size="sm">
          {t('history.title')}
        </Anchor>
        <span>{t(`wizard.title.${importKind}`)}</span>
      </Breadcrumbs>
      <PageHeader title={t(`wizard.title.${importKind}`)} description={t(`wizard.subtitle.${importKind}`)} />
      <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'lg' }}>
        <Stepper active={step} size="sm" allowNextStepsSelect={false} mb="lg" wrap>
          <Stepper.Step label={t('wizard.steps.file')} description={t('wizard.steps.fileHelp')} />
          <Stepper.Step label={t('wizard.steps.mapping')} description={t('wizard.steps.mappingHelp')} />
          <Stepper.Step label={t('wizard.steps.preview')} description={t('wizard.steps.previewHelp')} />
          <Stepper.Step label={t('wizard.steps.import')} description={t('wizard.steps.importHelp')} />
        </Stepper>
        {id && imp.isPending && <Loader aria-label={t('common.loading')} />}
        {id && imp.isError && <Alert color="red">{errorMessage(imp.error)}</Alert>}
        {step === 0 && !id && <UploadStep kind={kind} onUploaded={(d) => setParams({ id: d.id })} />}
        {step === 1 && imp.data && (
          <MappingStep imp={imp.data} onBack={restart} onPreviewed={() => setEditingMapping(false)} />
        )}
        {step === 2 && imp.data && status === 'previewing' && <Loader aria-label={t('common.loading')} />}
        {step === 2 && imp.data && status === 'previewed' && (
          <PreviewStep imp={imp.data} onBack={() => setEditingMapping(true)} onApplied={() => undefined} />
        )}
        {step === 3 && imp.data && (
          <ApplyStep imp={imp.data} onShowResult={() => setResultOpen(true)} onAnother={restart} />
        )}
      </Paper>
      {imp.data && step === 3 && (
        <ResultModal imp={imp.data} opened={resultOpen} onClose={() => setResultOpen(false)} />
      )}
    </>
  );
}
