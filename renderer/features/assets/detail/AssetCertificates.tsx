import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useContractQuery } from '../../../api/use-contract-query.ts';
import { ContractErrorBar } from '../../../components/ContractErrorBar.tsx';
import { useFormatters } from '../../../components/use-formatters.ts';
import { CertificateActions } from '../../repair/CertificateActions.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** The asset's erasure certificates (repair.certificates), each downloadable and verifiable. */
export function AssetCertificates({ assetId }: { assetId: number }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const certificates = useContractQuery('repair.certificates', { assetId });
  if (certificates.error)
    return <ContractErrorBar error={certificates.error} onRetry={certificates.reload} />;
  if (!certificates.value || certificates.value.length === 0) return null;
  return (
    <section className={styles.root} aria-labelledby="asset-certificates-heading">
      <Text as="h3" size={500} weight="semibold" id="asset-certificates-heading">
        {t('repair.certificate.assetTitle')}
      </Text>
      {certificates.value.map((certificate) => (
        <div key={certificate.id} className={styles.item} data-testid="asset-certificate">
          <Text>
            {dateTime(certificate.issuedAt)} ·{' '}
            {certificate.verification === 'passed'
              ? t('repair.certificate.verified')
              : t('repair.certificate.notVerified')}
          </Text>
          <Text size={200} className={styles.muted} font="monospace">
            {certificate.id}
          </Text>
          <CertificateActions certificateId={certificate.id} />
        </div>
      ))}
    </section>
  );
}
