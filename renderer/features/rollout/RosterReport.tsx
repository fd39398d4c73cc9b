import {
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
import { useTranslation } from 'react-i18next';
import type { ColumnMapping, ImportReport } from '../../../electron/common/models/asset-import.ts';
import { PersonFieldsSchema } from '../../../electron/common/models/person.ts';
import { useFormatters } from '../../components/use-formatters.ts';

/** Every person field a roster column can fill (one source: the person model). */
const PERSON_FIELDS = PersonFieldsSchema.keyof().options;
const IGNORE = '';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, maxHeight: '160px', overflowY: 'auto' },
  sample: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
});

interface RosterReportProps {
  report: ImportReport;
  disabled: boolean;
  onRemap: (mapping: ColumnMapping) => void;
}

/** What the core found in a roster: each column's target field (changeable), and every bad or known row. */
export function RosterReport({ report, disabled, onRemap }: RosterReportProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { number } = useFormatters();
  const firstRow = report.sample[0] ?? [];

  return (
    <div className={styles.root}>
      <Text role="status">
        {t('rollout.import.summary', {
          file: report.fileName,
          rows: number(report.rows),
          valid: number(report.validRows),
          issues: number(report.issueCount),
          conflicts: number(report.conflictCount),
        })}
      </Text>
      <Table aria-label={t('rollout.import.mapping')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('rollout.import.column')}</TableHeaderCell>
            <TableHeaderCell>{t('rollout.import.example')}</TableHeaderCell>
            <TableHeaderCell>{t('rollout.import.field')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.headers.map((header, index) => (
            <TableRow key={`${index}:${header}`}>
              <TableCell>{header}</TableCell>
              <TableCell className={styles.sample}>{firstRow[index] ?? ''}</TableCell>
              <TableCell>
                <Select
                  aria-label={t('rollout.import.fieldFor', { column: header })}
                  value={report.mapping[header] ?? IGNORE}
                  disabled={disabled}
                  onChange={(_, data) =>
                    onRemap({ ...report.mapping, [header]: data.value === IGNORE ? null : data.value })
                  }
                >
                  <option value={IGNORE}>{t('rollout.import.ignore')}</option>
                  {PERSON_FIELDS.map((field) => (
                    <option key={field} value={field}>
                      {t(`rollout.import.fields.${field}`)}
                    </option>
                  ))}
                </Select>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {report.issues.length > 0 && (
        <section aria-label={t('rollout.import.issuesTitle')}>
          <Text weight="semibold">{t('rollout.import.issuesTitle')}</Text>
          <ul className={styles.list}>
            {report.issues.map((issue, index) => (
              <li key={index}>
                {t('rollout.import.issue', {
                  row: issue.row,
                  column: issue.column ?? '—',
                  message: issue.message,
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.conflicts.length > 0 && (
        <section aria-label={t('rollout.import.conflictsTitle')}>
          <Text weight="semibold">{t('rollout.import.conflictsTitle')}</Text>
          <ul className={styles.list}>
            {report.conflicts.map((conflict, index) => (
              <li key={index}>
                {t('rollout.import.conflict', {
                  row: conflict.row,
                  field: conflict.field,
                  value: conflict.value,
                  existing: conflict.existing,
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
