import { PhoneLaptop24Regular, Settings20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';

/** Device tiles arrive with the device manager; until then the page says so plainly. */
export function BenchPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('bench.title')} description={t('bench.description')} />
      <EmptyState
        icon={<PhoneLaptop24Regular />}
        title={t('bench.empty.title')}
        actions={
          <LinkButton to="settings" icon={<Settings20Regular />}>
            {t('bench.empty.action')}
          </LinkButton>
        }
      >
        {t('bench.empty.body')}
      </EmptyState>
    </>
  );
}
