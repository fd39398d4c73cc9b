import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { Battery520Regular, Battery920Regular, BatteryWarning20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useNumberFormats } from '../../components/use-number-formats.ts';
import { VisuallyHidden } from '../../components/VisuallyHidden.tsx';

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground2,
  },
  low: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** Battery level with an icon; below 20 % it turns red (the number is always there too). */
export function BatteryLevel({ percent }: { percent: number }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { percent: format } = useNumberFormats();
  const low = percent < 20;
  const Icon = low ? BatteryWarning20Regular : percent < 60 ? Battery520Regular : Battery920Regular;
  return (
    <Text size={200} className={mergeClasses(styles.root, low && styles.low)}>
      <Icon aria-hidden="true" />
      <span>
        <VisuallyHidden>{t('bench.tile.battery')} </VisuallyHidden>
        {format(percent)}
      </span>
    </Text>
  );
}
