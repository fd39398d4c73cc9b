import { useId, type Ref } from 'react';
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { CloudArrowDown20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { ASSET_STATES } from '../../../electron/common/models/asset.ts';
import { languageTag } from '../../app/i18n.ts';
import { useFormatters } from '../../components/use-formatters.ts';
import type { ReadOutcome } from './use-snipeit-read.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  action: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
  },
  hint: { color: tokens.colorNeutralForeground2, flex: '1 1 240px' },
});

interface ReadFromServerProps {
  reading: boolean;
  onRead: () => void;
  /** What the last read filled and left open; absent before the first read. */
  outcome: ReadOutcome | undefined;
  /** The message, focused after a read that left nothing to pick. */
  summaryRef: Ref<HTMLDivElement>;
}

/** The "Read from server" button, its spinner while the server answers, and what the read did. */
export function ReadFromServer({ reading, onRead, outcome, summaryRef }: ReadFromServerProps) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const { number } = useFormatters();
  const hintId = useId();
  const list = new Intl.ListFormat(languageTag(i18n.language === 'nb' ? 'nb' : 'en'), {
    type: 'conjunction',
  });
  const stateName = (key: string) => {
    const state = ASSET_STATES.find((candidate) => candidate === key);
    return state ? t(`assets.states.${state}`) : key;
  };
  const unmatched = outcome?.unmatched.map((row) =>
    row.mapping === 'models'
      ? t('sync.setup.unmatchedModel', { name: row.key })
      : t('sync.setup.unmatchedState', { name: stateName(row.key) }),
  );

  return (
    <div className={styles.root}>
      <div className={styles.action}>
        <Button
          type="button"
          // The button's own text says it is reading; the spinner only shows it.
          icon={reading ? <Spinner size="tiny" aria-hidden="true" /> : <CloudArrowDown20Regular />}
          disabledFocusable={reading}
          aria-describedby={hintId}
          onClick={onRead}
        >
          {reading ? t('sync.setup.reading') : t('sync.setup.read')}
        </Button>
        <Text id={hintId} className={styles.hint}>
          {t('sync.setup.hint')}
        </Text>
      </div>
      {outcome && unmatched && (
        <MessageBar
          ref={summaryRef}
          tabIndex={-1}
          intent={unmatched.length > 0 ? 'warning' : 'success'}
          layout="multiline"
        >
          <MessageBarBody>
            <MessageBarTitle>{t('sync.setup.doneTitle')}</MessageBarTitle>
            {outcome.filled > 0
              ? t('sync.setup.filled', { count: outcome.filled, formatted: number(outcome.filled) })
              : t('sync.setup.nothingFilled')}{' '}
            {unmatched.length > 0
              ? t('sync.setup.unmatched', { names: list.format(unmatched) })
              : t('sync.setup.allMatched')}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
