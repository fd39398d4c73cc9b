import { z } from 'zod';
import { ContractErrorSchema } from './errors.ts';

/**
 * Envelopes that carry the contract over a MessagePort (Electron) or a WebSocket (station
 * mode). Names and payloads inside are checked against the contract by the receiver.
 */
export const ClientMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('request'),
    id: z.number().int().nonnegative(),
    name: z.string().max(100),
    input: z.unknown(),
  }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const CoreMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('response'),
    id: z.number().int().nonnegative(),
    result: z.union([
      z.strictObject({ ok: z.literal(true), value: z.unknown() }),
      z.strictObject({ ok: z.literal(false), error: ContractErrorSchema }),
    ]),
  }),
  z.strictObject({ kind: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type CoreMessage = z.infer<typeof CoreMessageSchema>;
