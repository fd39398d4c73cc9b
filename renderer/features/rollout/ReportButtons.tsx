import { useState, type ReactElement } from 'react';
import { Button, Spinner } from '@fluentui/react-components';
import { DocumentPdf20Regular, DocumentTable20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { downloadGeneratedFile } from '../../components/file-transfer.ts';

type Format = 'csv' | 'pdf';
const ICONS: Record<Format, ReactElement> = {
  csv: <DocumentTable20Regular />,
  pdf: <DocumentPdf20Regular />,
};

/** The end-of-day report (every handover of the day, undone ones marked) as CSV or PDF. */
export function ReportButtons({ day, onError }: { day: string; onError: (error: ContractError) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [making, setMaking] = useState<Format | undefined>(undefined);

  const download = async (format: Format) => {
    setMaking(format);
    const result = await api.request('rollout.report', { day, format });
    setMaking(undefined);
    if (result.ok) downloadGeneratedFile(result.value);
    else onError(result.error);
  };

  return (['csv', 'pdf'] as const).map((format) => (
    <Button
      key={format}
      icon={making === format ? <Spinner size="tiny" /> : ICONS[format]}
      disabled={making !== undefined}
      onClick={() => void download(format)}
    >
      {t(`rollout.report.${format}`)}
    </Button>
  ));
}
