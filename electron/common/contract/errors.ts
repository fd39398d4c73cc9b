import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input', // the request's input failed its schema; details.issues names each bad field
  'unknown_request', // no such request name
  'not_found', // the subject of the request does not exist
  'conflict', // the change would break a uniqueness or state rule
  'unauthorized', // station mode: missing or wrong token
  'unavailable', // the core is shutting down or a dependency is offline
  'internal', // a bug: the message is safe to show, the details are in the core's log
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const FieldIssueSchema = z.strictObject({
  /** Dotted path of the bad field, e.g. "sort.field"; "" for the input as a whole. */
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const ContractErrorSchema = z.strictObject({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z
    .strictObject({ issues: z.array(FieldIssueSchema).optional() })
    .catchall(z.unknown())
    .optional(),
});
export type ContractError = z.infer<typeof ContractErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Turns zod issues into field-named messages a person (or a form) can act on. */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map(describeIssue);
}

export function describeIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => (path ? `${path}.${key}` : key));
    return {
      path: keys.join(', '),
      message: `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`,
    };
  }
  return { path, message: issue.message };
}

export function invalidInput(error: z.ZodError): ContractError {
  const issues = issuesFromZod(error);
  const summary = issues
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
  return { code: 'invalid_input', message: `Invalid input: ${summary}`, details: { issues } };
}
