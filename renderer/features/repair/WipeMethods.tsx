import { useEffect, useState } from 'react';
import {
  Button,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { DESTINATIONS } from '../../../electron/common/models/erasure-certificate.ts';
import type { BenchRow, WipeMethodName } from '../../../electron/common/models/repair.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useContractQuery } from '../../api/use-contract-query.ts';

const useStyles = makeStyles({
  method: { display: 'flex', flexDirection: 'column' },
  why: { color: tokens.colorNeutralForeground2, marginLeft: tokens.spacingHorizontalXXL },
  steps: { margin: `0 0 0 ${tokens.spacingHorizontalXXL}` },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground2 },
});

export type Destination = (typeof DESTINATIONS)[number];

interface WipeMethodsProps {
  row: BenchRow;
  busy: boolean;
  wiping: boolean;
  destination: Destination;
  onDestination: (destination: Destination) => void;
  onWipe: (method: WipeMethodName) => void;
}

/** The methods the plugged device offers (why not, and a guided wipe's key presses), the destination, and the wipe button. */
export function WipeMethods({ row, busy, wiping, destination, onDestination, onWipe }: WipeMethodsProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const query = useContractQuery('repair.wipeMethods', { assetId: row.asset.id });
  const methods = query.value?.methods ?? [];
  const [chosen, setChosen] = useState<WipeMethodName | undefined>(undefined);

  useEffect(() => {
    if (chosen || !query.value) return;
    const supported = query.value.methods.filter((m) => m.supported).map((m) => m.method);
    const preferred = query.value.defaultMethod;
    setChosen(preferred && supported.includes(preferred) ? preferred : supported[0]);
  }, [chosen, query.value]);

  if (!query.value && query.loading) return <LoadingState label={t('repair.wipe.loadingMethods')} />;
  const allowed = row.checklist?.wipeAllowed === true;
  return (
    <>
      {query.error && <ContractErrorBar error={query.error} onRetry={query.reload} />}
      {methods.length > 0 && (
        <Field label={t('repair.wipe.methodLabel')}>
          <RadioGroup value={chosen ?? ''} onChange={(_, data) => setChosen(data.value as WipeMethodName)}>
            {methods.map((support) => (
              <div key={support.method} className={styles.method}>
                <Radio
                  value={support.method}
                  disabled={!support.supported}
                  label={`${t(`repair.methods.${support.method}`)}${
                    query.value?.defaultMethod === support.method ? ` (${t('repair.wipe.default')})` : ''
                  }`}
                />
                {support.reason && <Text className={styles.why}>{support.reason}</Text>}
                {support.instructions && support.instructions.length > 0 && (
                  <ol className={styles.steps} aria-label={t('repair.wipe.stepsLabel')}>
                    {support.instructions.map((step, index) => (
                      <li key={index}>{step}</li>
                    ))}
                  </ol>
                )}
              </div>
            ))}
          </RadioGroup>
        </Field>
      )}
      <div className={styles.actions}>
        <Field label={t('repair.wipe.destination')}>
          <Select value={destination} onChange={(_, data) => onDestination(data.value as Destination)}>
            {DESTINATIONS.map((value) => (
              <option key={value} value={value}>
                {t(`repair.destinations.${value.replaceAll(' ', '_')}` as 'repair.destinations.reissue')}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          appearance="primary"
          icon={wiping ? <Spinner size="tiny" /> : <Delete20Regular />}
          disabled={busy || !chosen || !allowed}
          onClick={() => chosen && onWipe(chosen)}
        >
          {row.job?.phase === 'failed' ? t('repair.wipe.again') : t('repair.wipe.start')}
        </Button>
      </div>
      {!allowed && <Text className={styles.muted}>{t('repair.wipe.blocked')}</Text>}
    </>
  );
}
