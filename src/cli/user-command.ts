import { parseArgs } from 'node:util';
import { ServiceConfigError, loadServiceConfig } from '../service/service-config.js';
import { whyNotWritten } from '../runtime/write-whole-file.js';
import { addUser } from '../users/add-user.js';
import { UserRole, UsersFileError } from '../users/users-file.js';

const USAGE = `Usage: acord-prep user add NAME --role admin|assistant|underwriter [--password-stdin] [--replace]

Adds an account to the web server's users file (USERS_FILE, default config/users.json under ACORD_PREP_HOME),
storing an argon2id hash of the password, never the password. On a terminal the password is asked twice;
with --password-stdin it is the first line of standard input (echo "$PW" | acord-prep user add …).
A name already in the file is refused unless --replace is given. The file is written whole, mode 0600.`;

/** Where the password comes from: a terminal (asked twice, not echoed) or a pipe. */
export type PasswordSource = { stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream };

/** Reads one line from a terminal without echoing it. */
function askHidden(source: PasswordSource, prompt: string): Promise<string> {
  const { stdin, stderr } = source;
  stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (result: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      result();
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(() => resolve(typed));
        if (ch === '\u0003') return done(() => reject(new UsersFileError('cancelled; no account was added')));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The first line of a piped standard input, without its line ending. */
async function readFirstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += chunk.toString();
  return text.split(/\r?\n/)[0] ?? '';
}

/** `acord-prep user add …`: returns the exit code (0 added, 2 usage, 5 the users file cannot be written). */
export async function runUser(argv: string[], source: PasswordSource = { stdin: process.stdin, stderr: process.stderr }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, replace: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [sub, name, ...extra] = parsed.positionals;
  const role = UserRole.safeParse(parsed.values.role);
  if (sub !== 'add' || !name || extra.length || !role.success) {
    console.error(`${role.success || sub !== 'add' || !name ? '' : `--role must be one of ${UserRole.options.join(', ')}\n\n`}${USAGE}`);
    return 2;
  }
  let password: string;
  if (parsed.values['password-stdin']) {
    password = await readFirstLine(source.stdin);
  } else if (source.stdin.isTTY) {
    password = await askHidden(source, `Password for ${name}: `);
    if ((await askHidden(source, 'Again: ')) !== password) {
      console.error('The two passwords differ; no account was added.');
      return 2;
    }
  } else {
    console.error('Standard input is not a terminal: pass --password-stdin to read the password from it.');
    return 2;
  }
  let usersFile: string;
  try {
    usersFile = loadServiceConfig(env).usersFile;
  } catch (err) {
    if (err instanceof ServiceConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  try {
    const { replaced } = await addUser(usersFile, { name, role: role.data, password, replace: parsed.values.replace });
    console.error(`${replaced ? 'replaced' : 'added'} ${name} (${role.data}) in ${usersFile}`);
    return 0;
  } catch (err) {
    if (err instanceof UsersFileError) {
      console.error(`acord-prep user add: ${err.message}`);
      return 2;
    }
    if ((err as NodeJS.ErrnoException).code) {
      console.error(`acord-prep user add: ${usersFile} cannot be written: ${whyNotWritten(err)}`);
      return 5;
    }
    throw err;
  }
}
