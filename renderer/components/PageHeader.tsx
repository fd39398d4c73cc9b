import { useEffect, type ReactNode } from 'react';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalXL,
  },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxWidth: '72ch' },
  // Focused by the shell after navigation only to move the screen reader there; not an interactive target.
  title: { margin: 0, outline: 'none' },
  description: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

interface PageHeaderProps {
  title: string;
  description?: string;
  actions?: ReactNode;
}

/** The page's h1; the shell focuses it after in-app navigation so screen readers announce the page. */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  const styles = useStyles();
  const { t } = useTranslation();

  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);

  return (
    <header className={styles.root}>
      <div className={styles.titles}>
        <Text as="h1" size={700} weight="semibold" className={styles.title} tabIndex={-1} data-page-heading>
          {title}
        </Text>
        {description && <Text className={styles.description}>{description}</Text>}
      </div>
      {actions && <div className={styles.actions}>{actions}</div>}
    </header>
  );
}
