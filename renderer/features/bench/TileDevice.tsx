import { memo } from 'react';
import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { DeviceView } from '../../../electron/common/models/device.ts';
import { PlatformBadge } from '../../components/PlatformBadge.tsx';
import { STATE_LOOK } from './device-states.ts';
import { BatteryLevel } from './BatteryLevel.tsx';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  model: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  serial: {
    fontFamily: tokens.fontFamilyMonospace,
    color: tokens.colorNeutralForeground2,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

/** State (icon, word, colour), battery, model, platform (and its version, once read) and serial of one device. */
export const TileDevice = memo(function TileDevice({ device }: { device: DeviceView }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const look = STATE_LOOK[device.state];
  const Icon = look.icon;
  const identity = device.identity;
  const model = identity ? `${identity.manufacturer} ${identity.model}` : undefined;
  return (
    <>
      <div className={styles.row}>
        <Badge appearance={look.appearance} color={look.badge} icon={<Icon />} size="medium">
          {t(`bench.states.${device.state}`)}
        </Badge>
        {identity && <BatteryLevel percent={identity.batteryPercent} />}
      </div>
      <div className={styles.row}>
        <Text className={styles.model} title={model}>
          {model ?? t('bench.tile.unknownModel')}
        </Text>
        <PlatformBadge platform={device.platform} version={identity?.osVersion} />
      </div>
      <Text size={200} className={styles.serial} title={identity?.serial ?? device.serial}>
        {identity?.serial ?? device.serial}
      </Text>
    </>
  );
});
