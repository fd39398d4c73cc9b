import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  // The number reads first on screen, the label first in the markup (dt before dd), so a
  // screen reader says "Issued, 42" rather than a bare number.
  figure: {
    display: 'flex',
    flexDirection: 'column-reverse',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  label: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800 },
});

export interface Figure {
  id: string;
  label: string;
  value: string;
}

/** A row of key figures (totals on a dashboard) as a description list. */
export function FigureList({ figures, className }: { figures: readonly Figure[]; className?: string }) {
  const styles = useStyles();
  return (
    <dl className={className ? `${styles.list} ${className}` : styles.list}>
      {figures.map((figure) => (
        <div key={figure.id} className={styles.figure} data-figure={figure.id}>
          <dt className={styles.label}>{figure.label}</dt>
          <dd className={styles.value}>{figure.value}</dd>
        </div>
      ))}
    </dl>
  );
}
