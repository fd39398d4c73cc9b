import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../../electron/common/models/asset-query.ts';
import { useFormatters } from '../../../components/use-formatters.ts';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  entry: {
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    paddingLeft: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  meta: { color: tokens.colorNeutralForeground2 },
  changes: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  cell: { padding: `0 ${tokens.spacingHorizontalS} 0 0`, verticalAlign: 'top', overflowWrap: 'anywhere' },
});

/** A changed value as a person reads it: empty values say so, lists and objects as compact JSON. */
export function showValue(value: unknown, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (Array.isArray(value) && value.length === 0) return none;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The asset's history, newest first: lifecycle moves, edits field by field (before → after), assignments, staging, notes. */
export function AssetTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { preciseDateTime } = useFormatters();
  const none = t('assets.detail.none');
  if (entries.length === 0) return <Text>{t('assets.timeline.empty')}</Text>;

  return (
    <ol className={styles.list} aria-label={t('assets.timeline.title')}>
      {entries.map((entry) => (
        <li key={entry.auditSeq} className={styles.entry}>
          <div className={styles.head}>
            <Badge appearance="outline" color="informative">
              {t(`assets.timeline.kinds.${entry.kind}`)}
            </Badge>
            <Text weight="semibold">{entry.summary}</Text>
          </div>
          <Text size={200} className={styles.meta}>
            {t('assets.timeline.meta', {
              at: preciseDateTime(entry.at),
              actor: entry.actor,
              station: entry.station,
            })}
          </Text>
          {entry.changes && Object.keys(entry.changes).length > 0 && (
            <table className={styles.changes}>
              <caption className={styles.meta}>{t('assets.timeline.changes')}</caption>
              <tbody>
                {Object.entries(entry.changes).map(([field, change]) => (
                  <tr key={field}>
                    <th scope="row" className={styles.cell}>
                      {field}
                    </th>
                    <td className={styles.cell}>
                      {t('assets.timeline.change', {
                        before: showValue(change.before, none),
                        after: showValue(change.after, none),
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ol>
  );
}
