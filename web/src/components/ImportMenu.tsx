import { Alert, Button, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import {
  IconAddressBook,
  IconCheck,
  IconChevronDown,
  IconDownload,
  IconFileExport,
  IconFileInvoice,
  IconHistory,
  IconUserShare,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useOrganizationSettings, useRequestFeature } from '../api/organization.ts';
import { useCurrentSession } from '../api/session.ts';
import { DownloadsModal, type DownloadWhat } from './DownloadsModal.tsx';
import { showError } from './feedback.ts';

/**
 * The "Import data" menu: the imports this organization may run, templates, exports and the history. An
 * organization whose customers are owned by its source system gets the assignment import instead of the
 * customers one; contact import appears with an explanation when the feature is off, and a way to ask for it.
 */
export function ImportMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { organization } = useCurrentSession();
  const [download, setDownload] = useState<DownloadWhat | null>(null);
  const [contactsOff, setContactsOff] = useState(false);
  const contactImport = organization.features.includes('contact-import');
  const settings = useOrganizationSettings(!contactImport);
  const request = useRequestFeature();
  const requested = settings.data?.pendingFeatureRequests.some((r) => r.flag === 'contact-import') ?? false;

  return (
    <>
      <Menu position="bottom-end" withinPortal width={260}>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={16} aria-hidden />}>
            {t('importMenu.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {organization.customersUpdatableByFiles && (
            <Menu.Item
              leftSection={<IconUsersGroup size={16} aria-hidden />}
              onClick={() => navigate('/imports/new/customers')}
            >
              {t('importMenu.customers')}
            </Menu.Item>
          )}
          <Menu.Item
            leftSection={<IconAddressBook size={16} aria-hidden />}
            onClick={() => (contactImport ? navigate('/imports/new/contacts') : setContactsOff(true))}
          >
            {t('importMenu.contacts')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconUserShare size={16} aria-hidden />}
            onClick={() => navigate('/imports/new/assignments')}
          >
            {t('importMenu.assignments')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconFileInvoice size={16} aria-hidden />}
            onClick={() => navigate('/imports/new/invoices')}
          >
            {t('importMenu.invoices')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={() => setDownload('template')}
          >
            {t('importMenu.template')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconFileExport size={16} aria-hidden />}
            onClick={() => setDownload('export')}
          >
            {t('importMenu.export')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconHistory size={16} aria-hidden />} onClick={() => navigate('/imports')}>
            {t('importMenu.history')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <DownloadsModal what={download} onClose={() => setDownload(null)} />
      <Modal
        opened={contactsOff}
        onClose={() => setContactsOff(false)}
        title={t('importMenu.contacts')}
        centered
      >
        <Stack>
          <Text size="sm">{t('importMenu.contactsOff')}</Text>
          {requested && (
            <Alert color="teal" icon={<IconCheck size={16} aria-hidden />} role="status">
              {t('importMenu.accessRequested')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setContactsOff(false)} data-autofocus>
              {t('common.close')}
            </Button>
            {!requested && (
              <Button
                loading={request.isPending || settings.isPending}
                onClick={() => request.mutate('contact-import', { onError: showError })}
              >
                {t('importMenu.requestAccess')}
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
