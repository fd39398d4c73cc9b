import { createCore, type Core } from '../../../../electron/core/core.ts';
import type { RequestInput, RequestName, RequestOutput } from '../../../../electron/common/contract/index.ts';
import type { ContractError } from '../../../../electron/common/contract/errors.ts';

/** A core on a real database file in `dir`, with helpers that go through the contract. */
export function registryCore(dir: string) {
  const core: Core = createCore({ dataDir: dir, frontDoor: 'cli', log: () => {} });
  /** A request that must succeed: its value. */
  async function ok<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
    return result.value as RequestOutput<N>;
  }
  /** A request that must be refused: its error. */
  async function refused<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ContractError> {
    const result = await core.dispatch(name, input);
    if (result.ok) throw new Error(`${name} succeeded: ${JSON.stringify(result.value).slice(0, 200)}`);
    return result.error;
  }
  const device = (serial: string, extra: Partial<RequestInput<'assets.create'>['fields']> = {}) => ({
    serial,
    manufacturer: 'Samsung',
    platform: 'android' as const,
    model: 'Galaxy XCover7',
    ...extra,
  });
  const person = (name: string, employeeId: string, department: string | null = 'Home care') => ({
    name,
    email: `${employeeId.toLowerCase()}@kommune.example`,
    employeeId,
    badge: null,
    department,
    costCentre: null,
  });
  return { core, ok, refused, device, person };
}

/** Valid IMEIs (Luhn) for tests: 35693803 TAC. */
export const IMEI = {
  a: '356938035643809',
  b: '356938035643817',
  c: '490154203237518',
} as const;
