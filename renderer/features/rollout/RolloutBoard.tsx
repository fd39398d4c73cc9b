import {
  makeStyles,
  ProgressBar,
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
        <Table aria-label={t('rollout.board.byDepartment')} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('rollout.board.department')}</TableHeaderCell>
              <TableHeaderCell>{t('rollout.board.issued')}</TableHeaderCell>
              <TableHeaderCell>{t('rollout.board.remaining')}</TableHeaderCell>
              <TableHeaderCell>{t('rollout.board.progress')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {board.byDepartment.map((row) => (
              <TableRow key={row.key}>
                <TableCell>{row.key || t('rollout.board.noDepartment')}</TableCell>
                <TableCell>{number(row.issued)}</TableCell>
                <TableCell>{number(row.remaining)}</TableCell>
                <TableCell>
                  <ProgressBar
                    className={styles.progress}
                    value={row.issued + row.remaining === 0 ? 0 : row.issued / (row.issued + row.remaining)}
                    aria-label={t('rollout.board.progressOf', {
                      department: row.key || t('rollout.board.noDepartment'),
                    })}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Table aria-label={t('rollout.board.byTechnician')} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('rollout.board.technician')}</TableHeaderCell>
              <TableHeaderCell>{t('rollout.board.issued')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {board.byTechnician.map((row) => (
              <TableRow key={row.key}>
                <TableCell>{row.key}</TableCell>
                <TableCell>{number(row.issued)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Table aria-label={t('rollout.board.recent')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('rollout.board.time')}</TableHeaderCell>
            <TableHeaderCell>{t('rollout.board.device')}</TableHeaderCell>
            <TableHeaderCell>{t('rollout.board.person')}</TableHeaderCell>
            <TableHeaderCell>{t('rollout.board.technician')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {board.recent.map(({ assignment, asset, person }) => (
            <TableRow key={assignment.id}>
              <TableCell>{time.format(new Date(assignment.assignedAt))}</TableCell>
              <TableCell>
                <span className={styles.mono}>{assetLabel(asset)}</span> {assetModel(asset)}{' '}
              </TableCell>
              <TableCell>{person.name}</TableCell>
              <TableCell>{assignment.assignedBy}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
