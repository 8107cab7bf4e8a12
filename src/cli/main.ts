/**
 * `diag`: the toolkit's command line. Each command lives in its own module; this file only dispatches,
 * prints help and turns errors into exit codes.
 */
import { parseArgs } from 'node:util';
import { isDiagError } from '../errors.ts';
import type { Command, Io, Options } from './command.ts';
import { codebookCommand } from './codebook.ts';
import { validateCommand } from './validate.ts';
import { synthCommand } from './synth.ts';
import { demoCommand } from './demo.ts';
import { importCommand } from './import.ts';
import { exportCommand } from './export.ts';
import { frameCommand } from './frame.ts';
import { waveCommand } from './wave.ts';
import { adminCommand } from './admin.ts';
import { analyzeCommand } from './analyze.ts';
import { reportCommand } from './report.ts';
import { serveCommand } from './serve.ts';

export const COMMANDS: Command<any>[] = [codebookCommand, validateCommand, synthCommand, analyzeCommand, reportCommand, demoCommand, importCommand, exportCommand, frameCommand, waveCommand, adminCommand, serveCommand];

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

function commandHelp(c: Command<Options>): string {
  return [`diag ${c.name} — ${c.summary}`, '', `Usage: ${c.usage}`, '', 'Options:', c.help, '  -h, --help  show this help', ''].join('\n');
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

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
    if (!command.positionals && args.positionals.length) {
      io.err(`diag ${name}: unexpected argument "${args.positionals[0]}"\n\n${commandHelp(command)}`);
      return 64;
    }
    return await command.run(args, io);
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
