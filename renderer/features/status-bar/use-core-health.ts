import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../electron/common/contract/index.ts';
import { useApi, useConnection } from '../../api/api-context.tsx';

export type CoreHealth = 'connecting' | 'disconnected' | EventPayload<'core.health'>['status'];

/** The link state when the core is unreachable, else the last `core.health` it pushed (ok until told otherwise). */
export function useCoreHealth(): { health: CoreHealth; message: string | undefined } {
  const api = useApi();
  const { status, epoch } = useConnection();
  const [reported, setReported] = useState<EventPayload<'core.health'> | undefined>(undefined);

  useEffect(() => api.on('core.health', setReported), [api]);
  useEffect(() => setReported(undefined), [epoch]); // a reconnected core starts healthy until it says otherwise

  if (status !== 'connected') return { health: status, message: undefined };
  return { health: reported?.status ?? 'ok', message: reported?.message };
}
