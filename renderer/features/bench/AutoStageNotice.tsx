import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../app/settings-context.tsx';
import { hrefFor } from '../../app/use-hash-route.ts';
import { useContractQuery } from '../../api/use-contract-query.ts';

/** Says plainly when plugging a phone in is enough to stage it. */
export function AutoStageNotice() {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const profiles = useContractQuery('profiles.list', {});
  const id = settings?.autoStageProfile ?? '';
  if (id === '') return null;
  const profile = profiles.value?.find((candidate) => candidate.id === id);
  return (
    <MessageBar intent={profile || !profiles.value ? 'info' : 'warning'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('bench.autoStage.title')}</MessageBarTitle>
        {profile || !profiles.value
          ? t('bench.autoStage.body', { profile: profile?.name ?? id })
          : t('bench.autoStage.missing', { profile: id })}{' '}
        <Link inline href={hrefFor('settings')}>
          {t('bench.autoStage.change')}
        </Link>
      </MessageBarBody>
    </MessageBar>
  );
}
