import { DocumentBulletList24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

/** Staging profiles arrive in a later issue; the page explains what they will be. */
export function ProfilesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('profiles.title')} description={t('profiles.description')} />
      <EmptyState icon={<DocumentBulletList24Regular />} title={t('profiles.empty.title')}>
        {t('profiles.empty.body')}
      </EmptyState>
    </>
  );
}
