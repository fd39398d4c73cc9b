import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { SnipeItSetupView } from '../../../electron/common/models/sync.ts';
import { useApi } from '../../api/api-context.tsx';
import type { FieldErrors, SnipeItDraft } from './connector-form.ts';
import {
  buildSetupRead,
  choicesOf,
  mergeSuggestion,
  type Mapping,
  type MergedSuggestion,
  type ValueChoice,
} from './snipeit-read.ts';

/** Why a read did not happen (marked fields) or failed (the core's error, for the form's bar). */
export type ReadProblem = { fields: FieldErrors } | { error: ContractError };

export type ReadOutcome = Omit<MergedSuggestion, 'patch'>;

interface SnipeItReadOptions {
  draft: SnipeItDraft;
  /** The name the token is (or will be) stored under. */
  tokenSecret: string;
  tokenStored: boolean;
  onChange: (patch: Partial<SnipeItDraft>) => void;
  /** A problem to show; `undefined` clears the last one when a read starts. */
  onProblem: (problem: ReadProblem | undefined) => void;
  /** Called with the merge as the tables are filled (in the same render, e.g. to open sections). */
  onRead: (outcome: ReadOutcome) => void;
}

const LABEL_TYPES = ['deployable', 'pending', 'undeployable', 'archived'] as const;

/**
 * "Read from server": asks the core for the server's models, status labels and custom fields,
 * fills the mapping tables with its suggestion and keeps the lists as choices for the tables.
 */
export function useSnipeItRead({
  draft,
  tokenSecret,
  tokenStored,
  onChange,
  onProblem,
  onRead,
}: SnipeItReadOptions) {
  const { t } = useTranslation();
  const api = useApi();
  const [reading, setReading] = useState(false);
  const [setup, setSetup] = useState<SnipeItSetupView | undefined>(undefined);
  const [outcome, setOutcome] = useState<ReadOutcome | undefined>(undefined);
  // The answer can take seconds: merge into the tables as they are then, not as they were.
  const latest = useRef(draft);
  useEffect(() => {
    latest.current = draft;
  });

  const read = useCallback(async () => {
    const built = buildSetupRead(draft, tokenSecret, tokenStored, {
      required: t('sync.dialog.required'),
      httpUrl: t('sync.dialog.httpUrl'),
    });
    if (built.errors) return onProblem({ fields: built.errors });
    onProblem(undefined);
    setOutcome(undefined);
    setReading(true);
    const result = await api.request('sync.snipeit.setup', built.input);
    setReading(false);
    if (!result.ok) return onProblem({ error: result.error });
    const { patch, ...merged } = mergeSuggestion(latest.current, result.value.suggested);
    setSetup(result.value);
    onChange(patch);
    onRead(merged);
    setOutcome(merged);
  }, [api, draft, tokenSecret, tokenStored, onChange, onProblem, onRead, t]);

  const choices: Record<Mapping, ValueChoice[]> | undefined = useMemo(
    () =>
      setup &&
      choicesOf(setup, {
        withDetail: (name, detail) => t('sync.setup.withDetail', { name, detail }),
        labelType: (type) => {
          const known = LABEL_TYPES.find((candidate) => candidate === type);
          return known ? t(`sync.setup.labelTypes.${known}`) : type;
        },
      }),
    [setup, t],
  );

  return { reading, choices, outcome, read };
}
