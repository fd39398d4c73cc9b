import { useEffect, useState } from 'react';
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalXXXL },
});

/** Waits a moment before it shows, so a fast answer does not flash a spinner. */
export function useDelayedFlag(active: boolean, delayMs = 300): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(timer);
  }, [active, delayMs]);
  return shown;
}

export function LoadingState({ label }: { label: string }) {
  const styles = useStyles();
  const shown = useDelayedFlag(true);
  return <div className={styles.root}>{shown && <Spinner label={label} labelPosition="below" />}</div>;
}
