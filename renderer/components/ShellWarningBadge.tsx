import { Badge } from '@fluentui/react-components';
import { Warning16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

/** Marks a profile that runs raw shell commands on the phones (it had to declare allowShell). */
export function ShellWarningBadge() {
  const { t } = useTranslation();
  return (
    <Badge appearance="tint" color="danger" shape="rounded" icon={<Warning16Filled />}>
      {t('profiles.shellWarning')}
    </Badge>
  );
}
