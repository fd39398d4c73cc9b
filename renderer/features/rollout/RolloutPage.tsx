import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';

// TEMPORARY scaffold (issue #5): the page is being written in this change.
export function RolloutPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('nav.rollout')} />;
}
