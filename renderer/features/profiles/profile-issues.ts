import type { FieldIssue } from '../../../electron/common/contract/index.ts';

export interface ProfileIssue {
  line: number | undefined;
  /** Dotted field path, e.g. "steps.1.apk"; '' for the file as a whole. */
  path: string;
  message: string;
}

/** The core prefixes a problem it can point at with "line N: "; that becomes its own column. */
export function profileIssues(issues: readonly FieldIssue[]): ProfileIssue[] {
  return issues.map((issue) => {
    const match = /^line (\d+): ([\s\S]*)$/.exec(issue.message);
    return match
      ? { line: Number(match[1]), path: issue.path, message: match[2] ?? '' }
      : { line: undefined, path: issue.path, message: issue.message };
  });
}
