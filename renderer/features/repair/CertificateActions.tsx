import { useState } from 'react';
import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { CertificateCheck } from '../../../electron/common/models/repair.ts';
import { useApi } from '../../api/api-context.tsx';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';
import { useDownload } from '../assets/use-download.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Download a stored certificate's JSON or PDF, or verify its file as it is on disk now. */
export function CertificateActions({ certificateId }: { certificateId: string }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const download = useDownload();
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<CertificateCheck | undefined>(undefined);
  const [checkError, setCheckError] = useState<Parameters<typeof ContractErrorBar>[0]['error']>();

  const verify = async () => {
    setChecking(true);
    setCheckError(undefined);
    const result = await api.request('repair.verifyCertificate', { certificateId });
    setChecking(false);
    if (result.ok) setCheck(result.value);
    else setCheckError(result.error);
  };

  return (
    <div className={styles.root}>
      <div className={styles.buttons}>
        <Button
          disabled={download.busy !== undefined}
          onClick={() =>
            void download.run('json', () =>
              api.request('repair.certificateFile', { certificateId, format: 'json' }),
            )
          }
        >
          {t('repair.certificate.downloadJson')}
        </Button>
        <Button
          disabled={download.busy !== undefined}
          onClick={() =>
            void download.run('pdf', () =>
              api.request('repair.certificateFile', { certificateId, format: 'pdf' }),
            )
          }
        >
          {t('repair.certificate.downloadPdf')}
        </Button>
        <Button disabled={checking} onClick={() => void verify()}>
          {checking ? t('repair.certificate.verifying') : t('repair.certificate.verify')}
        </Button>
      </div>
      {download.error && <ContractErrorBar error={download.error} />}
      {checkError && <ContractErrorBar error={checkError} />}
      {check && (
        <MessageBar
          intent={check.kind === 'valid' ? 'success' : 'error'}
          data-testid="repair-certificate-check"
        >
          <MessageBarBody>
            {check.kind === 'valid'
              ? t('repair.certificate.checkValid', { station: check.signer?.station ?? '' })
              : t('repair.certificate.checkFailed', { message: check.message })}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
