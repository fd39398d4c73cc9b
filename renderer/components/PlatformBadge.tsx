import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../electron/common/profile/profile-schema.ts';

const useStyles = makeStyles({
  list: { display: 'inline-flex', gap: tokens.spacingHorizontalXS },
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
});

/** A platform's name as a small badge, with its OS version when known ("iOS 18.2"); the word is the cue. */
export function PlatformBadge({ platform, version }: { platform: Platform; version?: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  return (
    <Badge appearance="outline" color="informative" shape="rounded" size="medium" className={styles.badge}>
      {version === undefined ? t(`platforms.${platform}`) : t(`platforms.${platform}Version`, { version })}
    </Badge>
  );
}

/** The platforms a profile covers, one badge each, in the core's order (Android, iOS). */
export function PlatformBadges({ platforms }: { platforms: readonly Platform[] }) {
  const styles = useStyles();
  return (
    <span className={styles.list}>
      {platforms.map((platform) => (
        <PlatformBadge key={platform} platform={platform} />
      ))}
    </span>
  );
}
