import { DocumentBulletList20Regular, PhoneLaptop24Regular, Settings20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';

/** No phone has been seen on this station's hubs: what to set up meanwhile. */
export function BenchEmpty() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<PhoneLaptop24Regular />}
      title={t('bench.empty.title')}
      actions={
        <>
          <LinkButton to="profiles" icon={<DocumentBulletList20Regular />}>
            {t('bench.empty.action')}
          </LinkButton>
          <LinkButton to="settings" appearance="secondary" icon={<Settings20Regular />}>
            {t('bench.empty.settings')}
          </LinkButton>
        </>
      }
    >
      {t('bench.empty.body')}
    </EmptyState>
  );
}
