import { Dropdown, makeStyles, Option } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ValueChoice } from './snipeit-read.ts';

const useStyles = makeStyles({
  // Fluent's Dropdown asks for 250px; in a table cell it takes the cell's width instead.
  control: { width: '100%', minWidth: '0' },
});

interface MappingChoiceProps {
  /** The control's accessible name, e.g. "Snipe-IT model 2". */
  label: string;
  /** The stored value: an id or a column; '' when none is picked yet. */
  value: string;
  choices: readonly ValueChoice[];
  onChange: (value: string) => void;
  /** Marks the cell when its table has an error. */
  invalid?: { 'aria-invalid': true; 'aria-describedby': string } | undefined;
  /** Lets the form find the cell to focus it. */
  row: number;
}

/**
 * A mapping row's value picked by name from what the server has. A value the server does not
 * offer (a stale id, a column typed before the read) stays selectable and says so.
 */
export function MappingChoice({ label, value, choices, onChange, invalid, row }: MappingChoiceProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const current = value.trim();
  const known = choices.find((choice) => choice.value === current);
  const text = known ? known.text : current ? t('sync.setup.notOnServer', { value: current }) : '';
  return (
    <Dropdown
      className={styles.control}
      aria-label={label}
      data-row={row}
      value={text}
      placeholder={t('sync.mappings.choose')}
      selectedOptions={current ? [current] : []}
      onOptionSelect={(_, data) => {
        if (data.optionValue !== undefined) onChange(data.optionValue);
      }}
      {...invalid}
    >
      {choices.map((choice) => (
        <Option key={choice.value} value={choice.value}>
          {choice.text}
        </Option>
      ))}
      {current && !known && <Option value={current}>{text}</Option>}
    </Dropdown>
  );
}
