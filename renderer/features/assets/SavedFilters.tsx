import { useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from '@fluentui/react-components';
import { Bookmark20Regular, Delete20Regular, Save20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { AssetQuery, SavedFilter } from '../../../electron/common/models/asset-query.ts';
import { useApi } from '../../api/api-context.tsx';
import { useContractQuery } from '../../api/use-contract-query.ts';
import { ContractErrorBar } from '../../components/ContractErrorBar.tsx';

interface SavedFiltersProps {
  query: AssetQuery;
  onApply: (query: AssetQuery) => void;
}

/** Saved views of the table: apply one, save the current one under a name, delete one. */
export function SavedFilters({ query, onApply }: SavedFiltersProps) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = useContractQuery('savedFilters.list', {});
  const [dialog, setDialog] = useState<'save' | 'delete' | undefined>(undefined);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const filters = saved.value ?? [];

  const remove = async (filter: SavedFilter) => {
    const result = await api.request('savedFilters.delete', { id: filter.id });
    if (result.ok) saved.reload();
    else setError(result.error);
  };

  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button icon={<Bookmark20Regular />}>{t('assets.saved.button')}</Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuGroup>
              <MenuGroupHeader>{t('assets.saved.apply')}</MenuGroupHeader>
              {filters.length === 0 && <MenuItem disabled>{t('assets.saved.none')}</MenuItem>}
              {filters.map((filter) => (
                <MenuItem key={filter.id} onClick={() => onApply(filter.query)}>
                  {filter.name}
                </MenuItem>
              ))}
            </MenuGroup>
            <MenuDivider />
            <MenuItem icon={<Save20Regular />} onClick={() => setDialog('save')}>
              {t('assets.saved.saveCurrent')}
            </MenuItem>
            <MenuItem
              icon={<Delete20Regular />}
              disabled={filters.length === 0}
              onClick={() => setDialog('delete')}
            >
              {t('assets.saved.manage')}
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      {dialog === 'save' && (
        <SaveFilterDialog
          query={query}
          onClose={() => setDialog(undefined)}
          onSaved={() => {
            setDialog(undefined);
            saved.reload();
          }}
        />
      )}
      {dialog === 'delete' && (
        <Dialog open onOpenChange={(_, data) => !data.open && setDialog(undefined)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{t('assets.saved.manageTitle')}</DialogTitle>
              <DialogContent>
                {error && <ContractErrorBar error={error} />}
                <ul aria-label={t('assets.saved.listLabel')}>
                  {filters.map((filter) => (
                    <li key={filter.id}>
                      {filter.name}{' '}
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Delete20Regular />}
                        aria-label={t('assets.saved.delete', { name: filter.name })}
                        onClick={() => void remove(filter)}
                      />
                    </li>
                  ))}
                </ul>
              </DialogContent>
              <DialogActions>
                <Button onClick={() => setDialog(undefined)}>{t('assets.saved.close')}</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </>
  );
}

function SaveFilterDialog({
  query,
  onClose,
  onSaved,
}: {
  query: AssetQuery;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    setBusy(true);
    const result = await api.request('savedFilters.save', { name: name.trim(), query });
    setBusy(false);
    if (result.ok) onSaved();
    else setError(result.error);
  };

  return (
    <Dialog open onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t('assets.saved.saveTitle')}</DialogTitle>
            <DialogContent>
              <Field label={t('assets.saved.name')} hint={t('assets.saved.nameHint')} required>
                <Input value={name} maxLength={80} onChange={(_, data) => setName(data.value)} />
              </Field>
              {error && <ContractErrorBar error={error} />}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy || name.trim() === ''}>
                {t('assets.saved.save')}
              </Button>
              <Button type="button" onClick={onClose}>
                {t('assets.saved.cancel')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
