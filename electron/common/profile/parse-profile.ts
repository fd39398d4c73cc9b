import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { describeIssue } from '../contract/errors.ts';
import { StagingProfileSchema, type StagingProfile } from './profile-schema.ts';

export interface ProfileProblem {
  /** Dotted path of the field, e.g. "steps.2.package"; "" for the document as a whole. */
  path: string;
  /** 1-based line and column in the source text, when the field can be found there. */
  line?: number;
  column?: number;
  message: string;
}

export type ProfileParse = { ok: true; profile: StagingProfile } | { ok: false; problems: ProfileProblem[] };

const MAX_PROFILE_BYTES = 256 * 1024;

/**
 * Reads a profile written in YAML or JSON (JSON is YAML too, so one parser gives line numbers
 * for both) and validates it, pointing each problem at its line and field.
 */
export function parseProfileText(text: string): ProfileParse {
  if (text.length > MAX_PROFILE_BYTES) {
    return {
      ok: false,
      problems: [{ path: '', message: `the profile is larger than ${MAX_PROFILE_BYTES / 1024} KiB` }],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return {
          path: '',
          line: pos.line,
          column: pos.col,
          message: error.message.split('\n')[0] ?? error.message,
        };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 0 });
  } catch {
    // YAML aliases can expand exponentially ("billion laughs"); a profile never needs one.
    return {
      ok: false,
      problems: [{ path: '', message: 'YAML aliases (*name) are not allowed in a profile' }],
    };
  }
  const parsed = StagingProfileSchema.safeParse(data);
  if (parsed.success) return { ok: true, profile: parsed.data };

  return {
    ok: false,
    problems: parsed.error.issues.flatMap((issue) => {
      const base = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
      // An unknown key is pointed at by its own line, not its parent object's.
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...base, key]) : [base];
      const { message } = describeIssue(issue);
      const atKey = issue.code === 'unrecognized_keys';
      return paths.map((path) => ({
        ...locate(doc.contents, path, lineCounter, atKey),
        path: path.join('.'),
        message,
      }));
    }),
  };
}

/** The line of the deepest node on `path` that exists: a scalar's value, else (or for an unknown key) the key naming it. */
function locate(
  root: unknown,
  path: (string | number)[],
  lineCounter: LineCounter,
  atKey: boolean,
): { line?: number; column?: number } {
  let node: unknown = root;
  let found = root as YamlNode | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      found = (isScalar(pair.value) && !atKey ? pair.value : pair.key) as YamlNode;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(part)];
      if (item === undefined) break;
      found = item as YamlNode;
      node = item;
    } else {
      break;
    }
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return {};
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
