import type { KeyboardEvent } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { DeviceTile } from './DeviceTile.tsx';
import type { TileAction } from './TileActions.tsx';
import { useBenchOrder } from './use-bench.ts';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    alignItems: 'stretch',
    gap: tokens.spacingHorizontalM,
  },
});

const MOVES: Record<string, (index: number, columns: number, count: number) => number> = {
  ArrowRight: (i) => i + 1,
  ArrowLeft: (i) => i - 1,
  ArrowDown: (i, columns) => i + columns,
  ArrowUp: (i, columns) => i - columns,
  Home: () => 0,
  End: (_i, _columns, count) => count - 1,
};

/** Arrow keys move between tiles as they are laid out (Tab still visits each tile and its menu). */
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  const move = MOVES[event.key];
  const tile = event.target instanceof HTMLElement ? event.target : null;
  if (!move || !tile?.dataset.tile) return;
  const tiles = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-tile]')];
  const index = tiles.indexOf(tile);
  const firstTop = tiles[0]?.offsetTop;
  const secondRow = tiles.findIndex((candidate) => candidate.offsetTop !== firstTop);
  const columns = secondRow <= 0 ? tiles.length : secondRow;
  const next = tiles[move(index, columns, tiles.length)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function BenchGrid({ onAction }: { onAction: (action: TileAction, serial: string) => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const order = useBenchOrder();
  return (
    <div role="region" aria-label={t('bench.gridLabel')} className={styles.grid} onKeyDown={moveFocus}>
      {order.map((serial) => (
        <DeviceTile key={serial} serial={serial} onAction={onAction} />
      ))}
    </div>
  );
}
