import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useSettings } from '../../app/settings-context.tsx';
import { SettingsForm } from './SettingsForm.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, error, reload } = useSettings();
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {!settings && error && <ContractErrorBar error={error} onRetry={reload} />}
      {!settings && !error && <LoadingState label={t('settings.loading')} />}
      {settings && <SettingsForm saved={settings} />}
    </>
  );
}
