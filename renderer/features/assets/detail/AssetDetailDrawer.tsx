import { useState } from 'react';
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular, Edit20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../../electron/common/contract/index.ts';
import type { AssetState } from '../../../../electron/common/models/asset.ts';
import { useApi } from '../../../api/api-context.tsx';
import { useContractQuery } from '../../../api/use-contract-query.ts';
import { ContractErrorBar } from '../../../components/ContractErrorBar.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { AssetCertificates } from './AssetCertificates.tsx';
import { AssetFacts } from './AssetFacts.tsx';
import { AssetTimeline } from './AssetTimeline.tsx';
import { EditAssetDialog } from './EditAssetDialog.tsx';
import { NoteForm } from './NoteForm.tsx';
import { TransitionMenu } from './TransitionMenu.tsx';

const useStyles = makeStyles({
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalXXL,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
});

interface AssetDetailDrawerProps {
  id: number;
  onClose: () => void;
  /** Something about the asset changed: the table asks for its rows again. */
  onChanged: () => void;
}

/** One asset: every field, edit, lifecycle moves, notes and its timeline. */
export function AssetDetailDrawer({ id, onClose, onChanged }: AssetDetailDrawerProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const asset = useContractQuery('assets.get', { id });
  const timeline = useContractQuery('assets.timeline', { id });
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const value = asset.value;

  const changed = (message: string) => {
    setDone(message);
    setError(undefined);
    asset.reload();
    timeline.reload();
    onChanged();
  };

  const transition = async (to: AssetState) => {
    setBusy(true);
    setDone(undefined);
    const result = await api.request('assets.transition', { id, to });
    setBusy(false);
    if (result.ok) changed(t('assets.detail.moved', { state: t(`assets.states.${to}`) }));
    else setError(result.error);
  };

  return (
    <OverlayDrawer open position="end" size="large" onOpenChange={(_, data) => !data.open && onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button
              appearance="subtle"
              aria-label={t('assets.detail.close')}
              icon={<Dismiss24Regular />}
              onClick={onClose}
            />
          }
        >
          {value ? t('assets.detail.title', { serial: value.serial }) : t('assets.detail.loading')}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {asset.error && <ContractErrorBar error={asset.error} onRetry={asset.reload} />}
        {!value && asset.loading && <LoadingState label={t('assets.detail.loading')} />}
        {value && (
          <>
            <div className={styles.actions}>
              <TransitionMenu state={value.state} busy={busy} onTransition={(to) => void transition(to)} />
              <Button icon={<Edit20Regular />} onClick={() => setEditing(true)}>
                {t('assets.detail.edit')}
              </Button>
            </div>
            {error && <ContractErrorBar error={error} />}
            {done && (
              <MessageBar intent="success">
                <MessageBarBody>{done}</MessageBarBody>
              </MessageBar>
            )}
            <AssetFacts asset={value} />
            <AssetCertificates assetId={id} />
            <section className={styles.section} aria-labelledby="asset-timeline-heading">
              <Text
                as="h3"
                size={500}
                weight="semibold"
                id="asset-timeline-heading"
                className={styles.heading}
              >
                {t('assets.timeline.title')}
              </Text>
              <NoteForm assetId={id} onAdded={() => changed(t('assets.detail.noteAdded'))} />
              {timeline.error && <ContractErrorBar error={timeline.error} onRetry={timeline.reload} />}
              {timeline.value && <AssetTimeline entries={timeline.value} />}
            </section>
            {editing && (
              <EditAssetDialog
                asset={value}
                onClose={() => setEditing(false)}
                onReload={asset.reload}
                onSaved={() => {
                  setEditing(false);
                  changed(t('assets.detail.saved'));
                }}
              />
            )}
          </>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}
