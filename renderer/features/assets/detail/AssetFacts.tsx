import type { ReactNode } from 'react';
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Asset } from '../../../../electron/common/models/asset.ts';
import { useFormatters } from '../../../components/use-formatters.ts';
import { STATE_COLOURS } from '../asset-states.ts';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  // dt/dd pairs grouped for React keys; the grid lays out the pairs, not the group.
  group: { display: 'contents' },
});

/** Minor units → "1 234,50 NOK" in the UI's locale (the core keeps øre so sums stay exact). */
export function formatPrice(priceMinor: number | null, currency: string | null, locale: string): string {
  if (priceMinor === null) return '';
  if (!currency) return new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(priceMinor / 100);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(priceMinor / 100);
}

/** Every field of an asset, as a description list; empty fields say so rather than vanish. */
export function AssetFacts({ asset }: { asset: Asset }) {
  const styles = useStyles();
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormatters();
  const locale = i18n.language === 'nb' ? 'nb-NO' : 'en-GB';
  const none = t('assets.detail.none');
  const { purchase } = asset;

  const facts: [string, ReactNode][] = [
    [
      t('assets.columns.state'),
      <Badge key="state" appearance="tint" color={STATE_COLOURS[asset.state]}>
        {t(`assets.states.${asset.state}`)}
      </Badge>,
    ],
    [t('assets.columns.assetTag'), asset.assetTag],
    [
      t('assets.columns.serial'),
      <span key="serial" className={styles.mono}>
        {asset.serial}
      </span>,
    ],
    [t('assets.fields.platform'), asset.platform === 'ios' ? 'iOS' : 'Android'],
    [t('assets.columns.manufacturer'), asset.manufacturer],
    [t('assets.columns.model'), asset.model],
    [t('assets.fields.storageGb'), asset.storageGb === null ? null : `${asset.storageGb} GB`],
    [t('assets.columns.osVersion'), asset.osVersion],
    [
      t('assets.fields.imeis'),
      asset.imeis.length ? (
        <span key="imei" className={styles.mono}>
          {asset.imeis.join(', ')}
        </span>
      ) : null,
    ],
    [t('assets.fields.udid'), asset.udid],
    [t('assets.fields.ecid'), asset.ecid],
    [
      t('assets.columns.assignee'),
      asset.assignee
        ? `${asset.assignee.name}${asset.assignee.department ? ` · ${asset.assignee.department}` : ''} (${dateTime(asset.assignee.since)})`
        : null,
    ],
    [t('assets.fields.orderNumber'), purchase.orderNumber],
    [t('assets.fields.supplier'), purchase.supplier],
    [t('assets.fields.purchaseDate'), purchase.date],
    [t('assets.fields.price'), formatPrice(purchase.priceMinor, purchase.currency, locale) || null],
    [t('assets.columns.warrantyEnd'), purchase.warrantyEnd],
    [t('assets.fields.location'), asset.location],
    [
      t('assets.fields.roleProfile'),
      asset.roleProfile ? t(`assets.roleProfiles.${asset.roleProfile}`) : null,
    ],
    [t('assets.fields.conditionGrade'), asset.conditionGrade],
    [t('assets.fields.batteryHealth'), asset.batteryHealth === null ? null : `${asset.batteryHealth} %`],
    [t('assets.fields.tags'), asset.tags.length ? asset.tags.join(', ') : null],
    [
      t('assets.fields.staging'),
      asset.staging
        ? t('assets.detail.stagingValue', { ...asset.staging, at: dateTime(asset.staging.at) })
        : null,
    ],
    ...Object.entries(asset.custom).map(([key, value]): [string, ReactNode] => [key, String(value)]),
    [t('assets.fields.notes'), asset.notes || null],
    [t('assets.fields.createdAt'), dateTime(asset.createdAt)],
    [t('assets.columns.updatedAt'), dateTime(asset.updatedAt)],
  ];

  return (
    <dl className={styles.facts}>
      {facts.map(([term, value]) => (
        <div key={term} className={styles.group}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value ?? none}</dd>
        </div>
      ))}
    </dl>
  );
}
