import { useState } from 'react';
import {
  Button,
  CounterBadge,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  tokens,
} from '@fluentui/react-components';
import { Filter20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { ASSET_STATES, type AssetState } from '../../../electron/common/models/asset.ts';
import type { AssetFilter } from '../../../electron/common/models/asset-query.ts';
import { activeFilterCount, EMPTY_FILTER } from './asset-query-state.ts';

const useStyles = makeStyles({
  surface: { width: '420px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  dates: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  actions: { display: 'flex', justifyContent: 'flex-end', gap: tokens.spacingHorizontalS },
});

type ListKey = 'models' | 'osVersions' | 'departments' | 'tags';
const LIST_FIELDS: readonly ListKey[] = ['models', 'osVersions', 'departments', 'tags'];

/** "Pixel 9a, TC58" → ["Pixel 9a", "TC58"]: the free-text lists are comma-separated. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

/** The filter button and its panel; the panel edits a draft and the table changes on Apply. */
export function AssetFilters({
  filter,
  onChange,
}: {
  filter: AssetFilter;
  onChange: (filter: AssetFilter) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [states, setStates] = useState<AssetState[]>(filter.states);
  const [lists, setLists] = useState<Record<ListKey, string>>(listTexts(filter));
  const [from, setFrom] = useState(filter.warrantyEndFrom ?? '');
  const [to, setTo] = useState(filter.warrantyEndTo ?? '');
  const count = activeFilterCount(filter);

  const openChange = (next: boolean) => {
    if (next) {
      // Start from what the table shows now (a saved filter may have changed it).
      setStates(filter.states);
      setLists(listTexts(filter));
      setFrom(filter.warrantyEndFrom ?? '');
      setTo(filter.warrantyEndTo ?? '');
    }
    setOpen(next);
  };

  const apply = () => {
    onChange({
      states,
      models: splitList(lists.models),
      osVersions: splitList(lists.osVersions),
      departments: splitList(lists.departments),
      tags: splitList(lists.tags),
      ...(from ? { warrantyEndFrom: from } : {}),
      ...(to ? { warrantyEndTo: to } : {}),
    });
    setOpen(false);
  };

  return (
    <Popover
      open={open}
      onOpenChange={(_, data) => openChange(data.open)}
      trapFocus
      positioning="below-start"
    >
      <PopoverTrigger disableButtonEnhancement>
        <Button icon={<Filter20Regular />}>
          {t('assets.filters.button')}
          {count > 0 && (
            <CounterBadge
              count={count}
              size="small"
              appearance="filled"
              aria-label={t('assets.filters.active', { count })}
            />
          )}
        </Button>
      </PopoverTrigger>
      <PopoverSurface className={styles.surface} aria-label={t('assets.filters.title')}>
        <Field label={t('assets.filters.states')}>
          <Dropdown
            multiselect
            placeholder={t('assets.filters.anyState')}
            selectedOptions={states}
            value={states.map((state) => t(`assets.states.${state}`)).join(', ')}
            onOptionSelect={(_, data) => setStates(data.selectedOptions as AssetState[])}
          >
            {ASSET_STATES.map((state) => (
              <Option key={state} value={state}>
                {t(`assets.states.${state}`)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {LIST_FIELDS.map((key) => (
          <Field key={key} label={t(`assets.filters.${key}`)} hint={t('assets.filters.listHint')}>
            <Input
              value={lists[key]}
              onChange={(_, data) => setLists((current) => ({ ...current, [key]: data.value }))}
            />
          </Field>
        ))}
        <div className={styles.dates}>
          <Field label={t('assets.filters.warrantyFrom')}>
            <Input type="date" value={from} onChange={(_, data) => setFrom(data.value)} />
          </Field>
          <Field label={t('assets.filters.warrantyTo')}>
            <Input type="date" value={to} onChange={(_, data) => setTo(data.value)} />
          </Field>
        </div>
        <div className={styles.actions}>
          <Button
            onClick={() => {
              onChange(EMPTY_FILTER);
              setOpen(false);
            }}
          >
            {t('assets.filters.clear')}
          </Button>
          <Button appearance="primary" onClick={apply}>
            {t('assets.filters.apply')}
          </Button>
        </div>
      </PopoverSurface>
    </Popover>
  );
}

function listTexts(filter: AssetFilter): Record<ListKey, string> {
  return {
    models: filter.models.join(', '),
    osVersions: filter.osVersions.join(', '),
    departments: filter.departments.join(', '),
    tags: filter.tags.join(', '),
  };
}
