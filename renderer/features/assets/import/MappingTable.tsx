import {
  Dropdown,
  makeStyles,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import {
  ASSET_IMPORT_TARGETS,
  CUSTOM_TARGET_PREFIX,
  PERSON_IMPORT_TARGETS,
  type ColumnMapping,
  type ImportKind,
  type ImportReport,
} from '../../../../electron/common/models/asset-import.ts';
import { useContractQuery } from '../../../api/use-contract-query.ts';

const useStyles = makeStyles({
  wrapper: { overflowX: 'auto', maxHeight: '280px', overflowY: 'auto' },
  sample: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    maxWidth: '260px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  dropdown: { minWidth: '200px' },
});

const IGNORE = '';

interface MappingTableProps {
  kind: ImportKind;
  report: ImportReport;
  mapping: ColumnMapping;
  disabled: boolean;
  onRemap: (header: string, target: string | null) => void;
}

/** Each column of the file, what its first rows hold, and the field it goes to (the user can change it). */
export function MappingTable({ kind, report, mapping, disabled, onRemap }: MappingTableProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const custom = useContractQuery('customFields.list', {});
  const targets: string[] = [
    ...(kind === 'assets' ? ASSET_IMPORT_TARGETS : PERSON_IMPORT_TARGETS),
    ...(kind === 'assets' ? (custom.value ?? []).map((field) => `${CUSTOM_TARGET_PREFIX}${field.key}`) : []),
  ];
  const label = (target: string | null | undefined) => {
    if (!target) return t('assets.import.ignore');
    if (target.startsWith(CUSTOM_TARGET_PREFIX))
      return t('assets.import.customTarget', { key: target.slice(CUSTOM_TARGET_PREFIX.length) });
    return t(
      `assets.import.targets.${target as (typeof ASSET_IMPORT_TARGETS)[number] | (typeof PERSON_IMPORT_TARGETS)[number]}`,
    );
  };

  return (
    <div className={styles.wrapper}>
      <Table size="small" aria-label={t('assets.import.mappingLabel')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('assets.import.column')}</TableHeaderCell>
            <TableHeaderCell>{t('assets.import.sample')}</TableHeaderCell>
            <TableHeaderCell>{t('assets.import.target')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.headers.map((header, index) => {
            const target = mapping[header] ?? null;
            const samples = report.sample
              .map((row) => row[index] ?? '')
              .filter(Boolean)
              .slice(0, 3);
            return (
              <TableRow key={`${header}-${index}`}>
                <TableCell>{header}</TableCell>
                <TableCell className={styles.sample} title={samples.join(' · ')}>
                  {samples.join(' · ')}
                </TableCell>
                <TableCell>
                  <Dropdown
                    className={styles.dropdown}
                    size="small"
                    disabled={disabled}
                    aria-label={t('assets.import.targetFor', { column: header })}
                    value={label(target)}
                    selectedOptions={[target ?? IGNORE]}
                    onOptionSelect={(_, data) => onRemap(header, data.optionValue ? data.optionValue : null)}
                  >
                    <Option value={IGNORE}>{t('assets.import.ignore')}</Option>
                    {targets.map((option) => (
                      <Option key={option} value={option}>
                        {label(option)}
                      </Option>
                    ))}
                  </Dropdown>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
