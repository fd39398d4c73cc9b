import { useId } from 'react';
import {
  Button,
  Input,
  makeStyles,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, Delete20Regular, ErrorCircle16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { VisuallyHidden } from '../../components/VisuallyHidden.tsx';
import type { MappingRow } from './connector-form.ts';
import { MappingChoice } from './MappingChoice.tsx';
import type { ValueChoice } from './snipeit-read.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  description: { color: tokens.colorNeutralForeground2 },
  removeColumn: { width: '48px' },
  control: { width: '100%' },
  error: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteRedForeground1,
  },
  add: { alignSelf: 'flex-start' },
});

export interface KeyChoice {
  value: string;
  label: string;
}

interface MappingEditorProps {
  /** The table's accessible name. */
  label: string;
  description: string;
  keyLabel: string;
  valueLabel: string;
  rows: readonly MappingRow[];
  onChange: (rows: MappingRow[]) => void;
  /** Keys from a fixed list (lifecycle states, sync fields) instead of free text. */
  keyChoices?: readonly KeyChoice[];
  /** Numeric ids get a numeric keyboard on tablets. */
  numericValues?: boolean;
  /** Values picked by name from what the server has (after "Read from server") instead of typed. */
  valueChoices?: readonly ValueChoice[] | undefined;
  error: string | undefined;
}

/** A small key → value table: one row per mapping, rows added and removed with buttons. */
export function MappingEditor({
  label,
  description,
  keyLabel,
  valueLabel,
  rows,
  onChange,
  keyChoices,
  numericValues = false,
  valueChoices,
  error,
}: MappingEditorProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const errorId = useId();
  const descriptionId = useId();
  const update = (index: number, patch: Partial<MappingRow>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  const invalid = error ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : undefined;

  return (
    <div className={styles.root}>
      <Text id={descriptionId} className={styles.description}>
        {description}
      </Text>
      {rows.length === 0 ? (
        <Text>{t('sync.mappings.emptyTable')}</Text>
      ) : (
        <Table size="small" aria-label={label} aria-describedby={descriptionId}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{keyLabel}</TableHeaderCell>
              <TableHeaderCell>{valueLabel}</TableHeaderCell>
              <TableHeaderCell className={styles.removeColumn}>
                <VisuallyHidden>{t('sync.mappings.removeColumn')}</VisuallyHidden>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row, index) => {
              const n = index + 1;
              return (
                <TableRow key={index}>
                  <TableCell>
                    {keyChoices ? (
                      <Select
                        className={styles.control}
                        aria-label={`${keyLabel} ${n}`}
                        value={row.key}
                        onChange={(_, data) => update(index, { key: data.value })}
                        {...invalid}
                      >
                        <option value="">{t('sync.mappings.choose')}</option>
                        {keyChoices.map((choice) => (
                          <option key={choice.value} value={choice.value}>
                            {choice.label}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <Input
                        className={styles.control}
                        aria-label={`${keyLabel} ${n}`}
                        value={row.key}
                        onChange={(_, data) => update(index, { key: data.value })}
                        {...invalid}
                      />
                    )}
                  </TableCell>
                  <TableCell>
                    {valueChoices ? (
                      <MappingChoice
                        label={`${valueLabel} ${n}`}
                        row={index}
                        value={row.value}
                        choices={valueChoices}
                        onChange={(value) => update(index, { value })}
                        invalid={invalid}
                      />
                    ) : (
                      <Input
                        className={styles.control}
                        aria-label={`${valueLabel} ${n}`}
                        data-row={index}
                        inputMode={numericValues ? 'numeric' : undefined}
                        spellCheck={false}
                        value={row.value}
                        onChange={(_, data) => update(index, { value: data.value })}
                        {...invalid}
                      />
                    )}
                  </TableCell>
                  <TableCell className={styles.removeColumn}>
                    <Button
                      appearance="subtle"
                      icon={<Delete20Regular />}
                      aria-label={t('sync.mappings.removeRow', { row: n })}
                      onClick={() => onChange(rows.filter((_, at) => at !== index))}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {error && (
        <Text id={errorId} className={styles.error}>
          <ErrorCircle16Filled aria-hidden="true" />
          {error}
        </Text>
      )}
      <Button
        className={styles.add}
        icon={<Add20Regular />}
        aria-label={t('sync.mappings.addTo', { table: label })}
        onClick={() => onChange([...rows, { key: '', value: '' }])}
      >
        {t('sync.mappings.add')}
      </Button>
    </div>
  );
}
