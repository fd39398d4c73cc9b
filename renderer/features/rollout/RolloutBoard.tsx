import { makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { CompactTable } from '../../components/CompactTable.tsx';
import { useTranslation } from 'react-i18next';
import type { RolloutBoard as Board } from '../../../electron/common/models/rollout.ts';
import { languageTag } from '../../app/i18n.ts';
import { FigureList } from '../../components/FigureList.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { assetLabel, assetModel } from './scan-outcome.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  tables: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  progress: { minWidth: '80px' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  h3: { margin: 0 },
});

/** Issued and remaining today, per department and per technician, the pace, and the last handovers. */
export function RolloutBoard({ board }: { board: Board }) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const { number } = useFormatters();
  // The board shows one day: the clock time is what tells handovers apart.
  const time = new Intl.DateTimeFormat(languageTag(i18n.language === 'nb' ? 'nb' : 'en'), {
    timeStyle: 'short',
  });
  const figures = [
    { id: 'roster', value: number(board.rosterSize) },
    { id: 'issued', value: number(board.issued) },
    { id: 'remaining', value: number(board.remaining) },
    { id: 'rate', value: board.ratePerHour === null ? '—' : number(Math.round(board.ratePerHour)) },
  ] as const;

  return (
    <section className={styles.root} aria-labelledby="rollout-board-heading">
      <Text as="h2" id="rollout-board-heading" size={500} weight="semibold" className={styles.h3}>
        {t('rollout.board.title')}
      </Text>
      <FigureList
        figures={figures.map((figure) => ({ ...figure, label: t(`rollout.board.figures.${figure.id}`) }))}
      />
      <div className={styles.tables}>
        <CompactTable
          label={t('rollout.board.byDepartment')}
          rows={board.byDepartment}
          rowKey={(row) => row.key}
          columns={[
            {
              header: t('rollout.board.department'),
              cell: (row) => row.key || t('rollout.board.noDepartment'),
            },
            { header: t('rollout.board.issued'), cell: (row) => number(row.issued) },
            { header: t('rollout.board.remaining'), cell: (row) => number(row.remaining) },
            {
              header: t('rollout.board.progress'),
              cell: (row) => (
                <ProgressBar
                  className={styles.progress}
                  value={row.issued + row.remaining === 0 ? 0 : row.issued / (row.issued + row.remaining)}
                  aria-label={t('rollout.board.progressOf', {
                    department: row.key || t('rollout.board.noDepartment'),
                  })}
                />
              ),
            },
          ]}
        />
        <CompactTable
          label={t('rollout.board.byTechnician')}
          rows={board.byTechnician}
          rowKey={(row) => row.key}
          columns={[
            { header: t('rollout.board.technician'), cell: (row) => row.key },
            { header: t('rollout.board.issued'), cell: (row) => number(row.issued) },
          ]}
        />
      </div>
      <CompactTable
        label={t('rollout.board.recent')}
        rows={board.recent}
        rowKey={({ assignment }) => assignment.id}
        columns={[
          {
            header: t('rollout.board.time'),
            cell: ({ assignment }) => time.format(new Date(assignment.assignedAt)),
          },
          {
            header: t('rollout.board.device'),
            cell: ({ asset }) => (
              <>
                <span className={styles.mono}>{assetLabel(asset)}</span> {assetModel(asset)}
              </>
            ),
          },
          { header: t('rollout.board.person'), cell: ({ person }) => person.name },
          { header: t('rollout.board.technician'), cell: ({ assignment }) => assignment.assignedBy },
        ]}
      />
    </section>
  );
}
