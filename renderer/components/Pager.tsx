import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useFormatters } from './use-formatters.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalM,
  },
  range: { color: tokens.colorNeutralForeground2, marginRight: tokens.spacingHorizontalS },
});

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  disabled?: boolean;
  onPageChange: (page: number) => void;
}

export function Pager({ page, pageSize, total, disabled, onPageChange }: PagerProps) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { number } = useFormatters();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <nav className={styles.root} aria-label={t('pager.label')}>
      <Text className={styles.range} aria-live="polite">
        {t('pager.range', { first: number(first), last: number(last), total: number(total) })}
      </Text>
      <Button
        icon={<ChevronLeft20Regular />}
        disabled={disabled || page <= 1}
        onClick={() => onPageChange(page - 1)}
      >
        {t('pager.previous')}
      </Button>
      <Button
        icon={<ChevronRight20Regular />}
        iconPosition="after"
        disabled={disabled || page >= pages}
        onClick={() => onPageChange(page + 1)}
      >
        {t('pager.next')}
      </Button>
    </nav>
  );
}
