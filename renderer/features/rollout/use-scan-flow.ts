import { useCallback, useRef, useState } from 'react';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { Asset } from '../../../electron/common/models/asset.ts';
import { canTransition } from '../../../electron/common/models/lifecycle.ts';
import type { Handover } from '../../../electron/common/models/rollout.ts';
import { useApi } from '../../api/api-context.tsx';
import type { FeedbackKind } from './feedback-sound.ts';

export type ScanStep = 'device' | 'person';

/** What the last scan did, kept as data so the page words it (and says it) in the UI's language. */
export type ScanOutcome =
  | { kind: 'deviceFound'; asset: Asset }
  | { kind: 'assigned'; handover: Handover }
  | { kind: 'undone'; handover: Handover }
  | { kind: 'cancelled' }
  | { kind: 'unknownDevice'; code: string }
  | { kind: 'ambiguous'; code: string; matches: Asset[] }
  | { kind: 'alreadyIssued'; asset: Asset }
  | { kind: 'notIssuable'; asset: Asset }
  | { kind: 'refused'; error: ContractError };

const ERRORS: ReadonlySet<ScanOutcome['kind']> = new Set([
  'unknownDevice',
  'ambiguous',
  'alreadyIssued',
  'notIssuable',
  'refused',
]);

export function isError(outcome: ScanOutcome): boolean {
  return ERRORS.has(outcome.kind);
}

/** The shortest code that names exactly this asset for `rollout.assign`: tag, else IMEI, else serial. */
export function deviceCode(asset: Asset): string {
  return asset.assetTag ?? asset.imeis[0] ?? asset.serial;
}

interface ScanFlowOptions {
  /** A handover was made or undone: the board should show it. */
  onChange: () => void;
  feedback: (kind: FeedbackKind) => void;
}

/**
 * The scan-driven handover: one field takes the device (tag, serial or IMEI), then the person
 * (badge, employee id or email). A keyboard-wedge scanner types a whole code and Enter faster
 * than a request returns, so scans are queued and handled one after another against the
 * current step (kept in a ref, never a stale render's copy).
 */
export function useScanFlow({ onChange, feedback }: ScanFlowOptions) {
  const api = useApi();
  const [step, setStepState] = useState<ScanStep>('device');
  const [device, setDeviceState] = useState<Asset | undefined>(undefined);
  const [outcome, setOutcome] = useState<ScanOutcome | undefined>(undefined);
  const [last, setLast] = useState<Handover | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const current = useRef<{ step: ScanStep; device: Asset | undefined }>({
    step: 'device',
    device: undefined,
  });
  const queue = useRef<Promise<void>>(Promise.resolve());

  const moveTo = useCallback((next: ScanStep, asset: Asset | undefined) => {
    current.current = { step: next, device: asset };
    setStepState(next);
    setDeviceState(asset);
  }, []);

  const report = useCallback(
    (result: ScanOutcome) => {
      setOutcome(result);
      if (result.kind !== 'deviceFound' && result.kind !== 'cancelled')
        feedback(isError(result) ? 'error' : 'success');
    },
    [feedback],
  );

  const scanDevice = useCallback(
    async (code: string) => {
      const result = await api.request('assets.lookup', { code });
      if (!result.ok) return report({ kind: 'refused', error: result.error });
      const { matches } = result.value;
      if (matches.length === 0) return report({ kind: 'unknownDevice', code });
      if (matches.length > 1) return report({ kind: 'ambiguous', code, matches });
      const asset = matches[0]!;
      if (asset.state === 'issued') return report({ kind: 'alreadyIssued', asset });
      // Said at the device scan, before anyone scans a badge for a phone still in repair.
      if (!canTransition(asset.state, 'issued')) return report({ kind: 'notIssuable', asset });
      moveTo('person', asset);
      report({ kind: 'deviceFound', asset });
    },
    [api, moveTo, report],
  );

  const scanPerson = useCallback(
    async (asset: Asset, code: string) => {
      const result = await api.request('rollout.assign', { device: deviceCode(asset), person: code });
      if (!result.ok) return report({ kind: 'refused', error: result.error });
      moveTo('device', undefined);
      setLast(result.value);
      report({ kind: 'assigned', handover: result.value });
      onChange();
    },
    [api, moveTo, onChange, report],
  );

  const submit = useCallback(
    (raw: string) => {
      const code = raw.trim();
      if (code === '') return;
      setBusy(true);
      queue.current = queue.current.then(async () => {
        const { step: now, device: asset } = current.current;
        await (now === 'person' && asset ? scanPerson(asset, code) : scanDevice(code));
        setBusy(false);
      });
    },
    [scanDevice, scanPerson],
  );

  /** Escape: forget the scanned device and start over. */
  const cancel = useCallback(() => {
    if (current.current.step === 'device') return;
    moveTo('device', undefined);
    report({ kind: 'cancelled' });
  }, [moveTo, report]);

  const undoLast = useCallback(async () => {
    if (!last) return;
    setBusy(true);
    const result = await api.request('rollout.undo', { assignmentId: last.assignment.id });
    setBusy(false);
    if (!result.ok) return report({ kind: 'refused', error: result.error });
    setLast(undefined);
    report({ kind: 'undone', handover: result.value });
    onChange();
  }, [api, last, onChange, report]);

  return { step, device, outcome, last, busy, submit, cancel, undoLast };
}
