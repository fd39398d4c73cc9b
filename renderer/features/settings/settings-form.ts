import { useState } from 'react';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { SettingKey, Settings } from '../../../electron/common/models/settings.ts';
import { useSettings, type SettingsPatch } from '../../app/settings-context.tsx';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; changed: number }
  | {
      kind: 'failed';
      error: ContractError;
      fieldErrors: Partial<Record<SettingKey, string>>;
      otherIssues: string[];
    };

/** Only the fields the user actually changed, so each audit entry names real changes. */
export function changedFields(saved: Settings, draft: Partial<Settings>): SettingsPatch {
  const patch: Partial<Settings> = {};
  for (const [key, value] of Object.entries(draft) as [SettingKey, string][]) {
    if (saved[key] !== value) Object.assign(patch, { [key]: value });
  }
  return patch;
}

/** Splits a contract error's issues into per-field messages and the rest. */
export function splitIssues(error: ContractError, fields: readonly string[]) {
  const fieldErrors: Partial<Record<SettingKey, string>> = {};
  const otherIssues: string[] = [];
  for (const issue of error.details?.issues ?? []) {
    if (fields.includes(issue.path)) fieldErrors[issue.path as SettingKey] ??= issue.message;
    else otherIssues.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return { fieldErrors, otherIssues };
}

/**
 * The Settings form: a draft over the saved settings. Fields the user has not touched keep
 * following the saved values, so a change made in another window shows up here too.
 */
export function useSettingsForm(saved: Settings) {
  const { save } = useSettings();
  const [draft, setDraft] = useState<Partial<Settings>>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const values: Settings = { ...saved, ...draft };
  const patch = changedFields(saved, draft);
  const dirty = Object.keys(patch).length > 0;

  function update<K extends SettingKey>(key: K, value: Settings[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
    setSaveState((current) => {
      if (current.kind === 'saved') return { kind: 'idle' };
      if (current.kind !== 'failed' || !(key in current.fieldErrors)) return current;
      const { [key]: _fixed, ...fieldErrors } = current.fieldErrors;
      return { ...current, fieldErrors }; // the user is correcting that field
    });
  }

  async function submit() {
    if (!dirty) return;
    setSaveState({ kind: 'saving' });
    const result = await save(patch);
    if (result.ok) {
      setDraft({});
      setSaveState({ kind: 'saved', changed: Object.keys(patch).length });
    } else {
      setSaveState({ kind: 'failed', error: result.error, ...splitIssues(result.error, Object.keys(saved)) });
    }
  }

  function discard() {
    setDraft({});
    setSaveState({ kind: 'idle' });
  }

  return { values, dirty, saveState, update, submit, discard };
}
