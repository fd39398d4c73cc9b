import {
  Link,
  makeStyles,
  mergeClasses,
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
import type { ProfileSummary } from '../../../electron/common/models/staging.ts';
import { PlatformBadges } from '../../components/PlatformBadge.tsx';
import { ShellWarningBadge } from '../../components/ShellWarningBadge.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { useNumberFormats } from '../../components/use-number-formats.ts';

const useStyles = makeStyles({
  wrapper: { overflowX: 'auto' },
  table: { minWidth: '900px', tableLayout: 'auto' },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  nameCell: { minWidth: '200px', maxWidth: '300px' },
  name: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    padding: `${tokens.spacingVerticalS} 0`,
    minWidth: 0,
  },
  description: { color: tokens.colorNeutralForeground3 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  nowrap: { whiteSpace: 'nowrap' },
  none: { color: tokens.colorNeutralForeground3 },
});

const COLUMNS = [
  'name',
  'id',
  'platforms',
  'version',
  'steps',
  'payload',
  'shell',
  'hash',
  'importedAt',
] as const;

interface ProfilesTableProps {
  profiles: readonly ProfileSummary[];
  selectedRow: number | undefined;
  onSelect: (row: number) => void;
}

/** Every imported profile (its newest version) and the platforms it covers; a profile's name opens its steps. */
export function ProfilesTable({ profiles, selectedRow, onSelect }: ProfilesTableProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const { bytes } = useNumberFormats();
  return (
    <div className={styles.wrapper}>
      <Table aria-label={t('profiles.tableLabel')} className={styles.table}>
        <TableHeader>
          <TableRow>
            {COLUMNS.map((column) => (
              <TableHeaderCell key={column}>{t(`profiles.columns.${column}`)}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {profiles.map((profile) => {
            const selected = profile.row === selectedRow;
            return (
              <TableRow
                key={profile.row}
                className={mergeClasses(selected && styles.selected)}
                aria-current={selected ? 'true' : undefined}
              >
                <TableCell className={styles.nameCell}>
                  <span className={styles.name}>
                    <Link as="button" onClick={() => onSelect(profile.row)}>
                      {profile.name}
                    </Link>
                    {profile.description && (
                      <Text size={200} className={styles.description}>
                        {profile.description}
                      </Text>
                    )}
                  </span>
                </TableCell>
                <TableCell className={mergeClasses(styles.mono, styles.nowrap)}>{profile.id}</TableCell>
                <TableCell>
                  <PlatformBadges platforms={profile.platforms} />
                </TableCell>
                <TableCell>{profile.version}</TableCell>
                <TableCell>{profile.stepCount}</TableCell>
                <TableCell className={styles.nowrap}>{bytes(profile.payloadBytes)}</TableCell>
                <TableCell className={styles.nowrap}>
                  {profile.allowShell ? (
                    <ShellWarningBadge />
                  ) : (
                    <span className={styles.none}>{t('profiles.noShell')}</span>
                  )}
                </TableCell>
                <TableCell className={styles.mono}>
                  <span title={profile.contentHash}>{profile.contentHash.slice(0, 12)}</span>
                </TableCell>
                <TableCell>{dateTime(profile.importedAt)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
