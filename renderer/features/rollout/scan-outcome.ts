import { useTranslation } from 'react-i18next';
import { ASSET_STATES, type Asset } from '../../../electron/common/models/asset.ts';
import { canTransition } from '../../../electron/common/models/lifecycle.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import { isError, type ScanOutcome } from './use-scan-flow.ts';

/** The states a device can be handed out from, read off the lifecycle (written once there). */
const ISSUABLE_FROM = ASSET_STATES.filter((state) => canTransition(state, 'issued'));

export interface OutcomeText {
  intent: 'success' | 'error' | 'info';
  title: string;
  body: string;
}

/** The name technicians read off the device: its asset tag, else its serial. */
export function assetLabel(asset: Pick<Asset, 'assetTag' | 'serial'>): string {
  return asset.assetTag ?? asset.serial;
}

export function assetModel(asset: Pick<Asset, 'manufacturer' | 'model'>): string {
  return [asset.manufacturer, asset.model].filter((part) => part !== '').join(' ');
}

/** Words for what the last scan did: shown in the message bar and said by the live region. */
export function useOutcomeText(): (outcome: ScanOutcome) => OutcomeText {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  return (outcome) => {
    const intent = isError(outcome) ? 'error' : outcome.kind === 'assigned' ? 'success' : 'info';
    const text = (title: string, body: string): OutcomeText => ({ intent, title, body });
    switch (outcome.kind) {
      case 'deviceFound':
        return text(
          t('rollout.scan.outcome.deviceFound', { device: assetLabel(outcome.asset) }),
          t('rollout.scan.outcome.deviceFoundBody', {
            model: assetModel(outcome.asset),
            state: t(`assets.states.${outcome.asset.state}`),
          }),
        );
      case 'assigned':
      case 'undone': {
        const { asset, person } = outcome.handover;
        const values = { device: assetLabel(asset), person: person.name, model: assetModel(asset) };
        return outcome.kind === 'assigned'
          ? text(t('rollout.scan.outcome.assigned', values), t('rollout.scan.outcome.assignedBody', values))
          : text(
              t('rollout.scan.outcome.undone', values),
              t('rollout.scan.outcome.undoneBody', { state: t(`assets.states.${asset.state}`) }),
            );
      }
      case 'cancelled':
        return text(t('rollout.scan.outcome.cancelled'), t('rollout.scan.outcome.cancelledBody'));
      case 'unknownDevice':
        return text(
          t('rollout.scan.outcome.unknownDevice', { code: outcome.code }),
          t('rollout.scan.outcome.unknownDeviceBody'),
        );
      case 'ambiguous':
        return text(
          t('rollout.scan.outcome.ambiguous', { code: outcome.code, count: outcome.matches.length }),
          t('rollout.scan.outcome.ambiguousBody', {
            devices: outcome.matches.map((asset) => `${assetLabel(asset)} (${assetModel(asset)})`).join(', '),
          }),
        );
      case 'alreadyIssued':
        return text(
          t('rollout.scan.outcome.alreadyIssued', {
            device: assetLabel(outcome.asset),
            person: outcome.asset.assignee?.name ?? t('rollout.scan.outcome.someone'),
          }),
          t('rollout.scan.outcome.alreadyIssuedBody', {
            since: outcome.asset.assignee ? dateTime(outcome.asset.assignee.since) : '—',
          }),
        );
      case 'notIssuable':
        return text(
          t('rollout.scan.outcome.notIssuable', {
            device: assetLabel(outcome.asset),
            // Mid-sentence: "it is in repair", not "it is In repair".
            state: t(`assets.states.${outcome.asset.state}`).toLocaleLowerCase(),
          }),
          t('rollout.scan.outcome.notIssuableBody', {
            states: ISSUABLE_FROM.map((state) => t(`assets.states.${state}`).toLocaleLowerCase()).join(', '),
          }),
        );
      case 'refused':
        return text(t(`errors.${outcome.error.code}`), outcome.error.message);
    }
  };
}
