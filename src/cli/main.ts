/**
 * `diag`: the toolkit's command line. Each command lives in its own module; this file only dispatches,
 * prints help and turns errors into exit codes. It knows the commands by their specs (commands.ts) and
 * imports a command's module only to run it, so `diag --help` or `diag analyze` load nothing they do not use.
 */
import { parseArgs } from 'node:util';
import { DiagError, isDiagError } from '../errors.ts';
import type { CommandSpec, Io } from './command.ts';
import { COMMANDS } from './commands.ts';

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'diag — competence-diagnosis surveys of JST education staff',
    '',
    'Usage: diag <command> [options]     (from a checkout: npm run diag -- <command> [options])',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `diag <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

function commandHelp(c: CommandSpec): string {
  return [`diag ${c.name} — ${c.summary}`, '', `Usage: ${c.usage}`, '', 'Options:', c.help, '  -h, --help  show this help', ''].join('\n');
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

/**
 * The text rule (util/safe-text.ts) for every option and argument of every command: no NUL, no unpaired surrogate
 * (argv from a shell cannot carry them, but `main` is also called with arguments built in code). Loaded only when a
 * command runs, so that `--help` stays light.
 */
async function checkText(values: Record<string, unknown>, positionals: string[]): Promise<void> {
  const { unsafeTextReason } = await import('../util/safe-text.ts');
  const all: [string, unknown][] = [...Object.entries(values).map(([k, v]) => [`--${k}`, v] as [string, unknown]), ...positionals.map((p, i) => [`argument ${i + 1}`, p] as [string, unknown])];
  for (const [where, value] of all) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const reason = typeof v === 'string' ? unsafeTextReason(v) : null;
      if (reason) throw new DiagError('USAGE', `${where} ${reason}`, [{ column: where, message: 'expected text without NUL characters (U+0000) or unpaired surrogates (U+D800–U+DFFF)' }]);
    }
  }
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(topHelp());
    return name ? 0 : 64;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`diag: unknown command "${name}"\n\n${topHelp()}`);
    return 64;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    const args = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    await checkText(args.values, args.positionals);
    if (!command.positionals && args.positionals.length) {
      io.err(`diag ${name}: unexpected argument "${args.positionals[0]}"\n\n${commandHelp(command)}`);
      return 64;
    }
    const implementation = await command.load();
    return await implementation.run(args, io);
  } catch (e) {
    if (isDiagError(e)) {
      io.err(`diag ${name}: ${e.describe()}\n`);
      return e.exitCode;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`diag ${name}: ${(e as Error).message}\n\n${commandHelp(command)}`);
      return 64;
    }
    throw e;
  }
}
