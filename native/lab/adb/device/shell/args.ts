// Argument reading the way Android's ShellCommand does it: options first ("-x", "-xVALUE",
// "--long"), "--" ends them, then positional arguments.

export class MissingArgument extends Error {}

export class ArgReader {
  private readonly args: string[];
  private pos = 0;
  private attached: string | undefined;

  constructor(args: string[]) {
    this.args = args;
  }

  nextOption(): string | undefined {
    if (this.attached !== undefined)
      throw new Error(`No argument expected after "${this.args[this.pos - 1]}"`);
    const arg = this.args[this.pos];
    if (arg === undefined || !arg.startsWith('-')) return undefined;
    this.pos++;
    if (arg === '--') return undefined;
    if (arg.length > 2 && arg[1] !== '-') {
      this.attached = arg.slice(2); // "-S1234": option "-S" with data "1234"
      return arg.slice(0, 2);
    }
    return arg;
  }

  nextArg(): string | undefined {
    if (this.attached !== undefined) {
      const value = this.attached;
      this.attached = undefined;
      return value;
    }
    return this.args[this.pos++];
  }

  nextArgRequired(): string {
    const value = this.nextArg();
    if (value === undefined)
      throw new MissingArgument(`Argument expected after "${this.args[this.pos - 2] ?? ''}"`);
    return value;
  }

  peek(): string | undefined {
    return this.attached ?? this.args[this.pos];
  }

  remaining(): string[] {
    const out: string[] = [];
    for (let a = this.nextArg(); a !== undefined; a = this.nextArg()) out.push(a);
    return out;
  }
}
