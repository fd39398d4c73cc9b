import {
  Badge,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../electron/common/contract/index.ts';
import { profileIssues } from './profile-issues.ts';

const useStyles = makeStyles({
  list: {
    margin: `${tokens.spacingVerticalS} 0 0`,
    paddingLeft: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'grid',
    gridTemplateColumns: '72px 1fr',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
  },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
    marginRight: tokens.spacingHorizontalXS,
  },
  message: { overflowWrap: 'anywhere' },
});

/** Why a profile was refused: one line per problem, with its line in the file and its field. */
export function ProfileIssueList({ issues }: { issues: readonly FieldIssue[] }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t('profiles.import.failedTitle', { count: issues.length })}</MessageBarTitle>
        <ul className={styles.list} aria-label={t('profiles.import.problems')}>
          {profileIssues(issues).map((issue, index) => (
            <li key={index} className={styles.item}>
              <span>
                {issue.line !== undefined && (
                  <Badge appearance="outline" color="danger" shape="rounded">
                    {t('profiles.import.line', { line: issue.line })}
                  </Badge>
                )}
              </span>{' '}
              <Text className={styles.message}>
                {issue.path && <span className={styles.path}>{issue.path}:</span>} {issue.message}
              </Text>
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
