import { z } from 'zod';

/** A request channel: the core parses `input` before a handler runs and `output` before it answers. */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line for the generated docs and the CLI. */
  summary: string;
}

export function defineRequest<I extends z.ZodType, O extends z.ZodType>(
  summary: string,
  input: I,
  output: O,
): RequestSpec<I, O> {
  return { summary, input, output };
}

/** A request that takes nothing: `{}` (or an omitted input) and nothing else. */
export const NoInput = z.strictObject({});
