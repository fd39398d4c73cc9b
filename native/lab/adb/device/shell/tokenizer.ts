// A small subset of mksh syntax, enough for what adb clients send: quoting, `;`, `&&`,
// `||`, pipes, simple redirections and `$?`/`$VAR` expansion. Parsing happens in two
// steps because `$?` must be expanded when its command runs, not when the line is read.

export type ListOperator = ';' | '&&' | '||';

export interface ListItem {
  /** Raw text of each command in the pipeline, still quoted and unexpanded. */
  pipeline: string[];
  /** How this item is joined to the previous one (';' for the first). */
  joinedBy: ListOperator;
}

export class ShellSyntaxError extends Error {}

/** Step 1: split a line into pipelines joined by list operators, honouring quotes. */
export function splitCommandList(line: string): ListItem[] {
  const items: ListItem[] = [];
  let pipeline: string[] = [];
  let current = '';
  let joinedBy: ListOperator = ';';
  let quote: "'" | '"' | null = null;

  const endCommand = (): void => {
    pipeline.push(current);
    current = '';
  };
  const endItem = (next: ListOperator): void => {
    endCommand();
    const cmds = pipeline.map((c) => c.trim());
    pipeline = [];
    if (cmds.length === 1 && cmds[0] === '') {
      // An empty command is fine before `;` (a trailing `;`), an error before `&&`/`||`.
      if (next !== ';') throw new ShellSyntaxError(`syntax error: '${next}' unexpected`);
      return;
    }
    if (cmds.some((c) => c === '')) throw new ShellSyntaxError("syntax error: '|' unexpected");
    items.push({ pipeline: cmds, joinedBy });
    joinedBy = next;
  };

  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === '\\' && quote === '"' && i + 1 < line.length) {
        current += c + line[++i];
        continue;
      }
      if (c === quote) quote = null;
      current += c;
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      current += c + line[++i];
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === '#' && (current === '' || /\s$/.test(current))) {
      while (i < line.length && line[i] !== '\n') i++;
      i--;
    } else if (c === ';' || c === '\n') {
      endItem(';');
    } else if (c === '&' && line[i + 1] === '&') {
      endItem('&&');
      i++;
    } else if (c === '|' && line[i + 1] === '|') {
      endItem('||');
      i++;
    } else if (c === '|') {
      endCommand();
    } else if (c === '&' && !current.endsWith('>') && line[i + 1] !== '>') {
      // Background jobs are not modelled: run it in the foreground like a `;`.
      endItem(';');
    } else {
      current += c;
    }
  }
  if (quote)
    throw new ShellSyntaxError(`syntax error: unterminated ${quote === "'" ? 'single' : 'double'} quote`);
  endItem(';');
  return items;
}

export interface Redirection {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: string;
}

export interface SimpleCommand {
  words: string[];
  redirections: Redirection[];
}

/** Step 2: split one command into words, expanding variables with the values of now. */
export function parseSimpleCommand(text: string, vars: (name: string) => string): SimpleCommand {
  const words: string[] = [];
  const redirections: Redirection[] = [];
  let pendingRedirect: Omit<Redirection, 'target'> | null = null;
  let i = 0;

  const expand = (): string => {
    // Called with text[i] === '$'; returns the expansion and advances i past the name.
    const rest = text.slice(i + 1);
    const braced = /^\{([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])\}/.exec(rest);
    const plain = /^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])/.exec(rest);
    const m = braced ?? plain;
    if (!m) {
      i++;
      return '$';
    }
    i += 1 + m[0].length;
    return vars(m[1] as string);
  };

  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const redirect = /^(\d?)(>>|>&|&>|>|<)/.exec(text.slice(i));
    if (redirect && !pendingRedirect) {
      const op = redirect[2] as string;
      const fd = redirect[1] ? Number(redirect[1]) : op === '<' ? 0 : 1;
      pendingRedirect = op === '&>' ? { fd: 1, op: '>' } : { fd, op: op as Redirection['op'] };
      if (op === '&>') redirections.push({ fd: 2, op: '>&', target: '1' });
      i += redirect[0].length;
      continue;
    }
    let word = '';
    while (i < text.length && !/\s/.test(text[i] as string)) {
      const c = text[i] as string;
      if (c === "'") {
        const end = text.indexOf("'", i + 1);
        word += text.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) {
            word += text[i + 1];
            i += 2;
          } else if (text[i] === '$') {
            word += expand();
          } else {
            word += text[i++];
          }
        }
        i++;
      } else if (c === '\\') {
        word += text[i + 1] ?? '';
        i += 2;
      } else if (c === '$') {
        word += expand();
      } else if ((c === '>' || c === '<') && !pendingRedirect) {
        break; // `echo hi>file`: the redirection starts a new token
      } else {
        word += c;
        i++;
      }
    }
    if (pendingRedirect) {
      redirections.push({ ...pendingRedirect, target: word });
      pendingRedirect = null;
    } else {
      words.push(word);
    }
  }
  if (pendingRedirect) throw new ShellSyntaxError('syntax error: unexpected end of redirection');
  return { words, redirections };
}
