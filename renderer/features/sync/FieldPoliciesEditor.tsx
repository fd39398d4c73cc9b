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
import {
  FieldPolicySchema,
  SYNC_FIELDS,
  type FieldPolicy,
  type SyncField,
} from '../../../electron/common/models/sync.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  description: { color: tokens.colorNeutralForeground2 },
  select: { minWidth: '200px' },
});

const POLICIES = FieldPolicySchema.options;

interface FieldPoliciesEditorProps {
  policies: Partial<Record<SyncField, FieldPolicy>>;
  onChange: (policies: Partial<Record<SyncField, FieldPolicy>>) => void;
}

/** Per field: this station wins, the remote wins, or ask a person (a conflict on the Sync page). */
export function FieldPoliciesEditor({ policies, onChange }: FieldPoliciesEditorProps) {
  const styles = useStyles();
  const { t } = useTranslation();

  const set = (field: SyncField, value: string) => {
    const next = { ...policies };
    const policy = POLICIES.find((candidate) => candidate === value);
    if (policy) next[field] = policy;
    else delete next[field];
    onChange(next);
  };

  return (
    <div className={styles.root}>
      <Text className={styles.description}>{t('sync.policies.description')}</Text>
      <Table size="small" aria-label={t('sync.policies.tableLabel')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('sync.policies.field')}</TableHeaderCell>
            <TableHeaderCell>{t('sync.policies.policy')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {SYNC_FIELDS.map((field) => {
            const name = t(`sync.fields.${field}`);
            return (
              <TableRow key={field}>
                <TableCell>{name}</TableCell>
                <TableCell>
                  <Select
                    className={styles.select}
                    aria-label={t('sync.policies.selectFor', { field: name })}
                    value={policies[field] ?? ''}
                    onChange={(_, data) => set(field, data.value)}
                  >
                    <option value="">{t('sync.policies.default')}</option>
                    {POLICIES.map((policy) => (
                      <option key={policy} value={policy}>
                        {t(`sync.policies.${policy}`)}
                      </option>
                    ))}
                  </Select>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
