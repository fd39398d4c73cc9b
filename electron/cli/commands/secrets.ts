// `depotline secrets set|list|delete|status`: the credentials sync connectors use, kept in
// the encrypted secrets file of the data folder. A value is read from standard input only
// (piped, or typed with echo off), never from argv, which lands in shell history and `ps`;
// and no subcommand ever prints a value.
import type { Command } from 'commander';
import { dataDirFrom, dataDirOption } from '../options.ts';
import { printJson } from '../in-process.ts';
import { createSecretStore } from '../../core/secrets/create-secret-store.ts';
import { SOURCE_LABELS } from '../../core/secrets/key-source.ts';
import { checkSecretName, MAX_SECRET_VALUE_BYTES } from '../../core/secrets/secret-names.ts';
import type { SecretStore, SecretStoreStatus } from '../../core/secrets/secret-store.ts';

/** `secrets status` and `secrets list` exit with this when secrets cannot be read or stored here. */
const EXIT_UNAVAILABLE = 2;

interface SecretsOptions {
  dataDir?: string;
  json?: boolean;
}

function openStore(options: SecretsOptions): Promise<SecretStore> {
  return createSecretStore({ dataDir: dataDirFrom(options) });
}

function describeSource(status: SecretStoreStatus): string {
  return status.source === 'none' ? 'none' : `${status.source}, ${SOURCE_LABELS[status.source]}`;
}

export function registerSecretsCommand(program: Command): void {
  const secrets = program
    .command('secrets')
    .description(
      'Credentials for sync connectors, kept encrypted in the data folder (never in the database).',
    );

  secrets
    .command('set')
    .description(
      'Store a secret; the value is read from standard input (pipe it in, or type it: echo is off).',
    )
    .argument('<name>', 'e.g. snipeit.token or webhook.<id>.secret')
    .addOption(dataDirOption())
    .action(async (name: string, options: SecretsOptions) => {
      checkSecretName(name);
      const store = await openStore(options);
      const status = store.status();
      // Say so before anyone types or pastes a secret that could not be kept anyway.
      if (!status.available) throw new Error(`secrets cannot be stored here: ${status.reason}`);
      const value = await readValue(name);
      store.set(name, value);
      process.stdout.write(`Stored ${name} in ${store.path} (key from ${describeSource(status)}).\n`);
    });

  secrets
    .command('list')
    .description('Print the names of the stored secrets and where their key comes from (never the values).')
    .addOption(dataDirOption())
    .option('--json', 'print { source, names } as JSON')
    .action(async (options: SecretsOptions) => {
      const store = await openStore(options);
      const status = store.status();
      const names = status.available ? store.names() : [];
      if (!status.available) process.exitCode = EXIT_UNAVAILABLE;
      if (options.json)
        return printJson({
          source: status.source,
          names,
          ...(status.reason ? { reason: status.reason } : {}),
        });
      process.stdout.write(`Key source: ${describeSource(status)}\n`);
      if (!status.available) process.stdout.write(`Secrets cannot be read here: ${status.reason}\n`);
      for (const name of names) process.stdout.write(`${name}\n`);
      if (status.available)
        process.stdout.write(`${names.length} secret${names.length === 1 ? '' : 's'} in ${store.path}\n`);
    });

  secrets
    .command('delete')
    .description('Remove a stored secret.')
    .argument('<name>')
    .addOption(dataDirOption())
    .action(async (name: string, options: SecretsOptions) => {
      checkSecretName(name);
      const store = await openStore(options);
      process.stdout.write(
        store.delete(name) ? `Deleted ${name}.\n` : `${name} was not set; nothing to delete.\n`,
      );
    });

  secrets
    .command('status')
    .description(
      `Whether secrets can be stored here and with which key; exit code ${EXIT_UNAVAILABLE} if not.`,
    )
    .addOption(dataDirOption())
    .option('--json', 'print the status as JSON')
    .action(async (options: SecretsOptions) => {
      const store = await openStore(options);
      const status = store.status();
      if (!status.available) process.exitCode = EXIT_UNAVAILABLE;
      if (options.json) return printJson({ ...status, path: store.path });
      process.stdout.write(
        status.available
          ? `Secrets can be stored: key from ${describeSource(status)}, file ${store.path}\n`
          : `Secrets cannot be stored here.\n`,
      );
      if (status.reason) process.stdout.write(`${status.available ? 'Note' : 'Why'}: ${status.reason}\n`);
    });
}

/** The value from standard input: typed with echo off on a terminal, else everything piped in. */
async function readValue(name: string): Promise<string> {
  const raw = process.stdin.isTTY
    ? await readHiddenLine(`Value for ${name} (not shown; Enter to finish): `)
    : await readPiped();
  // `echo token | depotline secrets set …` adds a line end that is not part of the token.
  const value = raw.replace(/\r?\n$/, '');
  if (!value)
    throw new Error(`no value on standard input; pipe it in, e.g. depotline secrets set ${name} < token.txt`);
  return value;
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    // A value is a token, not a file: stop reading instead of buffering whatever is piped in.
    if (size > MAX_SECRET_VALUE_BYTES + 2)
      throw new Error(`the value is longer than ${MAX_SECRET_VALUE_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new Error('the value on standard input is not UTF-8 text');
  }
}

/** One line from the terminal in raw mode, so the secret is never echoed to the screen. */
function readHiddenLine(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new Error('cancelled; nothing was stored'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
