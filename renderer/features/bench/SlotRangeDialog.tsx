import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  makeStyles,
  Option,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { slotRange } from './bench-actions.ts';
import { useBenchSnapshot } from './use-bench.ts';
import { useSelectionStore } from './selection.ts';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  fields: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  count: { color: tokens.colorNeutralForeground2 },
});

/** Selects every slot from one to another, inclusive, in the bench's slot order. */
export function SlotRangeDialog({ onClose }: { onClose: () => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const bench = useBenchSnapshot();
  const selection = useSelectionStore();
  const [from, setFrom] = useState(bench.order[0] ?? '');
  const [to, setTo] = useState(bench.order.at(-1) ?? '');
  const range = slotRange(bench, from, to);
  const slotName = (serial: string) => bench.devices.get(serial)?.slotName ?? serial;

  const picker = (label: string, value: string, onChange: (serial: string) => void) => (
    <Field label={label}>
      <Dropdown
        value={slotName(value)}
        selectedOptions={[value]}
        onOptionSelect={(_, data) => data.optionValue && onChange(data.optionValue)}
      >
        {bench.order.map((serial) => (
          <Option key={serial} value={serial}>
            {slotName(serial)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('bench.range.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>{t('bench.range.body')}</Text>
            <div className={styles.fields}>
              {picker(t('bench.range.from'), from, setFrom)}
              {picker(t('bench.range.to'), to, setTo)}
            </div>
            <Text role="status" className={styles.count}>
              {t('bench.range.count', { count: range.length })}
            </Text>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={range.length === 0}
              onClick={() => {
                selection.set(range);
                onClose();
              }}
            >
              {t('bench.range.select')}
            </Button>
            <Button onClick={onClose}>{t('bench.range.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
