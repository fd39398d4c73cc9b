import type { ReactNode } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  // dt/dd pairs grouped for React keys; the grid lays out the pairs, not the group.
  group: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

export interface Fact {
  term: string;
  value: ReactNode;
  /** Identifiers (serials, UDIDs) read better in a monospace font. */
  mono?: boolean;
}

/** Terms and their values side by side, as a description list. */
export function FactList({ facts }: { facts: readonly Fact[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.facts}>
      {facts.map(({ term, value, mono }) => (
        <div key={term} className={styles.group}>
          <dt className={styles.term}>{term}</dt>
          <dd className={mergeClasses(styles.value, mono && styles.mono)}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
