import { useState, type FormEvent } from 'react';
import { Button, Field, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { NoteAdd20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../../electron/common/contract/index.ts';
import { useApi } from '../../../api/api-context.tsx';
import { ContractErrorBar } from '../../../components/ContractErrorBar.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  text: { width: '100%' },
});

/** Adds a note to the asset's timeline; the text stays in the box when the core refuses it. */
export function NoteForm({ assetId, onAdded }: { assetId: number; onAdded: () => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    setBusy(true);
    const result = await api.request('assets.addNote', { id: assetId, text: text.trim() });
    setBusy(false);
    if (result.ok) {
      setText('');
      setError(undefined);
      onAdded();
    } else setError(result.error);
  };

  return (
    <form className={styles.root} onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('assets.detail.note')} className={styles.text}>
        <Textarea
          value={text}
          maxLength={5000}
          resize="vertical"
          onChange={(_, data) => setText(data.value)}
        />
      </Field>
      {error && <ContractErrorBar error={error} />}
      <Button type="submit" icon={<NoteAdd20Regular />} disabled={busy || text.trim() === ''}>
        {t('assets.detail.addNote')}
      </Button>
    </form>
  );
}
