import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { BenchRow } from '../../../electron/common/models/repair.ts';
import { FactList } from '../../components/FactList.tsx';
import { useFormatters } from '../../components/use-formatters.ts';
import { CertificateActions } from './CertificateActions.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * The erasure certificate of this intake's wipe: whether the device read back clean, and where
 * the signed JSON and the PDF were written; both can be downloaded, and the stored file verified.
 */
export function CertificateSection({ row }: { row: BenchRow }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const certificate = row.certificate;
  const verified = certificate?.verification === 'passed';

  return (
    <section className={styles.root} aria-labelledby={`repair-certificate-${row.intake.id}`}>
      <Text as="h4" weight="semibold" id={`repair-certificate-${row.intake.id}`}>
        {t('repair.certificate.title')}
      </Text>
      {!certificate && <Text className={styles.muted}>{t('repair.certificate.none')}</Text>}
      {certificate && (
        <>
          <div className={styles.line}>
            <Badge
              appearance="filled"
              color={verified ? 'success' : 'warning'}
              data-testid="repair-certificate-result"
            >
              {verified ? t('repair.certificate.verified') : t('repair.certificate.notVerified')}
            </Badge>
          </div>
          <FactList
            facts={[
              { term: t('repair.certificate.id'), value: certificate.id, mono: true },
              { term: t('repair.certificate.issuedAt'), value: dateTime(certificate.issuedAt) },
              { term: t('repair.certificate.json'), value: certificate.jsonPath, mono: true },
              { term: t('repair.certificate.pdf'), value: certificate.pdfPath, mono: true },
              { term: t('repair.certificate.sha256'), value: certificate.sha256, mono: true },
            ]}
          />
          <CertificateActions certificateId={certificate.id} />
          <Text size={200} className={styles.muted}>
            {t('repair.certificate.verifyHint')}
          </Text>
        </>
      )}
    </section>
  );
}
