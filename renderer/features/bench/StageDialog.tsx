import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DocumentBulletList20Regular, Play20Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { ProfileSummary } from '../../../electron/common/models/staging.ts';
import { useApi } from '../../api/api-context.tsx';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PlatformBadges } from '../../components/PlatformBadge.tsx';
import { ShellWarningBadge } from '../../components/ShellWarningBadge.tsx';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  option: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  name: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    color: tokens.colorNeutralForeground1,
  },
  meta: { color: tokens.colorNeutralForeground2 },
  description: { color: tokens.colorNeutralForeground3 },
});

function ProfileOption({ profile }: { profile: ProfileSummary }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <span className={styles.option}>
      <span className={styles.name}>
        <Text weight="semibold">{profile.name}</Text>
        <PlatformBadges platforms={profile.platforms} />
        {profile.allowShell && <ShellWarningBadge />}
      </span>
      <Text size={200} className={styles.meta}>
        {t('bench.stage.meta', { id: profile.id, version: profile.version, count: profile.stepCount })}
      </Text>
      {profile.description && (
        <Text size={200} className={styles.description}>
          {profile.description}
        </Text>
      )}
    </span>
  );
}

interface StageDialogProps {
  serials: readonly string[];
  /** Selected phones that cannot be staged now (busy, not connected, not yet read). */
  skipped: number;
  onClose: () => void;
  onStarted: (profile: ProfileSummary, count: number) => void;
}

/** Picks a profile for the chosen phones and starts the batch. */
export function StageDialog({ serials, skipped, onClose, onStarted }: StageDialogProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const profiles = useContractQuery('profiles.list', {});
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const list = profiles.value ?? [];
  const profile =
    list.find((candidate) => candidate.row === chosen) ?? (list.length === 1 ? list[0] : undefined);

  const start = async () => {
    if (!profile) return;
    setStarting(true);
    setError(undefined);
    const result = await api.request('staging.start', { profileRow: profile.row, serials: [...serials] });
    setStarting(false);
    if (result.ok) onStarted(profile, result.value.jobIds.length);
    else setError(result.error);
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('bench.stage.title', { count: serials.length })}</DialogTitle>
          <DialogContent className={styles.content}>
            {skipped > 0 && (
              <MessageBar intent="info">
                <MessageBarBody>{t('bench.stage.skipped', { count: skipped })}</MessageBarBody>
              </MessageBar>
            )}
            {profiles.error && <ContractErrorBar error={profiles.error} onRetry={profiles.reload} />}
            {profiles.loading && !profiles.value && <Spinner size="small" label={t('bench.stage.loading')} />}
            {profiles.value && list.length === 0 && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>{t('bench.stage.noProfiles')}</MessageBarBody>
              </MessageBar>
            )}
            {list.length > 0 && (
              <Field label={t('bench.stage.profile')} required>
                <RadioGroup
                  value={profile ? String(profile.row) : ''}
                  onChange={(_, data) => setChosen(Number(data.value))}
                >
                  {list.map((candidate) => (
                    <Radio
                      key={candidate.row}
                      value={String(candidate.row)}
                      label={<ProfileOption profile={candidate} />}
                    />
                  ))}
                </RadioGroup>
              </Field>
            )}
            {error && <ContractErrorBar error={error} />}
          </DialogContent>
          <DialogActions>
            {profiles.value && list.length === 0 ? (
              <LinkButton to="profiles" icon={<DocumentBulletList20Regular />}>
                {t('bench.stage.openProfiles')}
              </LinkButton>
            ) : (
              <Button
                appearance="primary"
                disabled={!profile || starting}
                icon={starting ? <Spinner size="tiny" /> : <Play20Filled />}
                onClick={() => void start()}
              >
                {t('bench.stage.start')}
              </Button>
            )}
            <Button onClick={onClose}>{t('bench.stage.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
