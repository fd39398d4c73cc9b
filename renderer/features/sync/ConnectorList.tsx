import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ConnectorView } from '../../../electron/common/models/sync.ts';
import { ConnectorCard } from './ConnectorCard.tsx';

const useStyles = makeStyles({
  heading: { margin: `0 0 ${tokens.spacingVerticalM}` },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(380px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
});

interface ConnectorListProps {
  connectors: readonly ConnectorView[];
  onEdit: (connector: ConnectorView) => void;
  onRemove: (connector: ConnectorView) => void;
  onShowQueue: (connector: ConnectorView) => void;
}

/** Every connector as a card, in the core's order (by name). */
export function ConnectorList({ connectors, onEdit, onRemove, onShowQueue }: ConnectorListProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sync-connectors-heading">
      <Text
        as="h2"
        id="sync-connectors-heading"
        size={500}
        weight="semibold"
        className={styles.heading}
        block
      >
        {t('sync.connectors.heading')}
      </Text>
      <div className={styles.grid}>
        {connectors.map((connector) => (
          <ConnectorCard
            key={connector.id}
            connector={connector}
            onEdit={onEdit}
            onRemove={onRemove}
            onShowQueue={onShowQueue}
          />
        ))}
      </div>
    </section>
  );
}
