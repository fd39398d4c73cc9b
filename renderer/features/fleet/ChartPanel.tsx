import { useId, useState } from 'react';
import { Button, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import { CompactTable } from '../../components/CompactTable.tsx';
import { DataBarHorizontal20Regular, Table20Regular } from '@fluentui/react-icons';
import {
  DataVizPalette,
  DonutChart,
  getColorFromToken,
  HorizontalBarChartWithAxis,
} from '@fluentui/react-charts';
import { useTranslation } from 'react-i18next';
import { VisuallyHidden } from '../../components/VisuallyHidden.tsx';
import type { ChartSpec } from './fleet-charts.ts';

/** DataVizPalette holds token names; the charts want the colours they stand for. */
const colour = (index: number) => {
  const tokens = Object.values(DataVizPalette);
  return getColorFromToken(tokens[index % tokens.length]!);
};
const BAR_HEIGHT = 22;
/** A bar's band (the bar and the gap to the next) and the axis below them, in px. */
const BAND = 40;
const AXIS = 72;
/** Room left of the bars for their labels; longer ones are cut and shown whole in a tooltip. */
const LABEL_WIDTH = 150;
const LABEL_CHARS = 20;

/** At most six ticks on whole numbers from 0 to past the largest value. */
function wholeTicks(largest: number): number[] {
  const step = Math.max(1, Math.ceil(largest / 5));
  return Array.from({ length: Math.ceil(largest / step) + 1 }, (_, index) => index * step);
}

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  title: { margin: 0 },
  figure: { margin: 0, minWidth: 0 },
  number: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  empty: { color: tokens.colorNeutralForeground2 },
});

/**
 * One chart of the overview with its text alternative: a summary screen readers hear with the
 * chart, and a toggle that shows the same numbers as a table (also handy to copy them).
 */
export function ChartPanel({ spec, title }: { spec: ChartSpec; title: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const summaryId = useId();
  const rows = spec.rows;
  const largest = Math.max(0, ...rows.map((row) => row.value));
  const summary = t('fleet.chartSummary', {
    title,
    items: rows.map((row) => `${row.label} ${row.display}`).join('; '),
  });

  return (
    <Card className={styles.card}>
      <div className={styles.header}>
        <Text as="h2" size={400} weight="semibold" className={styles.title}>
          {title}
        </Text>
        {rows.length > 0 && (
          // The label says what a press does; a pressed state as well would say it twice.
          <Button
            size="small"
            appearance="subtle"
            icon={asTable ? <DataBarHorizontal20Regular /> : <Table20Regular />}
            onClick={() => setAsTable((value) => !value)}
          >
            {asTable ? t('fleet.showChart') : t('fleet.showTable')}
          </Button>
        )}
      </div>
      {rows.length === 0 && <Text className={styles.empty}>{t('fleet.noData')}</Text>}
      {rows.length > 0 && asTable && (
        <CompactTable
          label={title}
          rows={rows}
          rowKey={(row) => row.label}
          columns={[
            { header: t('fleet.category'), cell: (row) => row.label },
            {
              header: spec.valueKind === 'amount' ? t('fleet.amount') : t('fleet.count'),
              cell: (row) => row.display,
              className: styles.number,
            },
          ]}
        />
      )}
      {rows.length > 0 && !asTable && (
        <figure className={styles.figure} aria-describedby={summaryId}>
          <VisuallyHidden>
            <span id={summaryId}>{summary}</span>
          </VisuallyHidden>
          {spec.kind === 'bar' ? (
            // The chart measures its container for its height (350 px when it cannot): size it by the bars.
            <div style={{ height: rows.length * BAND + AXIS }}>
              <HorizontalBarChartWithAxis
                chartTitle={title}
                data={rows.map((row) => ({
                  x: row.value,
                  y: row.label,
                  legend: row.label,
                  xAxisCalloutData: row.display,
                }))}
                barHeight={BAR_HEIGHT}
                margins={{ left: LABEL_WIDTH, right: 48 }}
                showYAxisLablesTooltip
                noOfCharsToTruncate={LABEL_CHARS}
                // Whole devices: no ticks at 0.5 when the longest bar is 3.
                {...(spec.valueKind === 'count'
                  ? { tickValues: wholeTicks(largest) }
                  : { xAxisTickCount: 4 })}
                hideLegend
                useSingleColor
                colors={[colour(0)]}
              />
            </div>
          ) : (
            <DonutChart
              // No chartTitle: the card's heading names it already, and the chart would print it twice.
              data={{
                chartData: rows.map((row, index) => ({
                  legend: row.label,
                  data: row.value,
                  color: colour(index),
                  yAxisCalloutData: row.display,
                })),
              }}
              innerRadius={55}
              height={240}
              hideLabels={false}
            />
          )}
        </figure>
      )}
    </Card>
  );
}
