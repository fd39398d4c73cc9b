import { ArrowSync24Regular, ShieldTask20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';

/** No sync target can be configured yet; the local audit log is where changes are kept meanwhile. */
export function SyncPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('sync.title')} description={t('sync.description')} />
      <EmptyState
        icon={<ArrowSync24Regular />}
        title={t('sync.empty.title')}
        actions={
          <LinkButton to="audit" appearance="secondary" icon={<ShieldTask20Regular />}>
            {t('sync.empty.action')}
          </LinkButton>
        }
      >
        {t('sync.empty.body')}
      </EmptyState>
    </>
  );
}
