import {
  Badge,
  Button,
  Card,
  Divider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { PhoneCheckmark20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { BenchRow } from '../../../electron/common/models/repair.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { PlatformBadge } from '../../components/PlatformBadge.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { BlockerChecklist } from './BlockerChecklist.tsx';
import { CertificateSection } from './CertificateSection.tsx';
import { GradeSection } from './GradeSection.tsx';
import { WipeSection } from './WipeSection.tsx';
import { useRepairAction } from './use-repair-action.ts';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  name: { margin: 0, fontFamily: tokens.fontFamilyMonospace },
  muted: { color: tokens.colorNeutralForeground2 },
  release: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

interface RepairCardProps {
  row: BenchRow;
  minimumOs: string;
  onRow: (row: BenchRow) => void;
}

/** One returned device on the bench: its checklist, wipe, grade, certificate and release, top to bottom. */
export function RepairCard({ row, minimumOs, onRow }: RepairCardProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const { dateTime } = useFormatters();
  const action = useRepairAction();
  const { asset, intake } = row;
  const name = asset.assetTag ?? asset.serial;
  const headingId = `repair-device-${intake.id}`;
  const busy = action.busy !== undefined;

  return (
    <Card
      className={styles.card}
      aria-labelledby={headingId}
      data-testid="repair-card"
      data-serial={asset.serial}
    >
      <div className={styles.head}>
        <Text as="h3" size={500} weight="semibold" id={headingId} className={styles.name}>
          {name}
        </Text>
        <Text>{[asset.manufacturer, asset.model].filter(Boolean).join(' ')}</Text>
        <PlatformBadge platform={asset.platform} />
        <Badge appearance="tint">{t(`assets.states.${asset.state}`)}</Badge>
        <Badge appearance="outline" color={row.plugged ? 'success' : 'subtle'}>
          {row.plugged ? t('repair.card.plugged') : t('repair.card.notPlugged')}
        </Badge>
      </div>
      <Text className={styles.muted}>
        {t('repair.card.intake', {
          reason: t(`repair.reasons.${intake.reason}`),
          at: dateTime(intake.at),
          by: intake.by,
        })}
        {asset.assetTag ? ` · ${t('repair.card.serial', { serial: asset.serial })}` : ''}
      </Text>
      {intake.conditionNotes && <Text>{t('repair.card.notes', { notes: intake.conditionNotes })}</Text>}
      <MessageBar intent={row.nextStep === 'done' ? 'success' : 'info'}>
        <MessageBarBody>
          <strong>{t('repair.card.next')}</strong> {t(`repair.nextSteps.${row.nextStep}`)}
        </MessageBarBody>
      </MessageBar>
      {action.error && <ContractErrorBar error={action.error} />}
      <Divider />
      <BlockerChecklist
        row={row}
        busy={busy}
        checking={action.busy === 'check'}
        onCheck={() =>
          void action.run('check', () => api.request('repair.checkBlockers', { assetId: asset.id }), onRow)
        }
        onOverridden={onRow}
      />
      <Divider />
      <WipeSection row={row} action={action} onRow={onRow} />
      <Divider />
      <CertificateSection row={row} />
      <Divider />
      <GradeSection row={row} minimumOs={minimumOs} action={action} onRow={onRow} />
      <Divider />
      <div className={styles.release}>
        <Button
          appearance={row.nextStep === 'release' ? 'primary' : 'secondary'}
          size="large"
          icon={action.busy === 'release' ? <Spinner size="tiny" /> : <PhoneCheckmark20Regular />}
          disabled={busy || row.nextStep !== 'release'}
          onClick={() =>
            void action.run('release', () => api.request('repair.release', { assetId: asset.id }), onRow)
          }
        >
          {t('repair.card.release')}
        </Button>
        {row.nextStep === 'retire' && <Text>{t('repair.card.retireHint')}</Text>}
      </div>
    </Card>
  );
}
