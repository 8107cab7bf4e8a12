/**
 * The shape of a CLI command: options declared for node:util parseArgs, a help text, and a run function
 * that writes to the given streams and returns an exit code. Commands never call process.exit.
 *
 * A command is declared in two halves so that `diag --help` and `diag analyze` load only what they use:
 * its `CommandSpec` (name, summary, usage, help, options) in the light registry `commands.ts`, and its
 * implementation (`implement(spec, run)`) in the command's own module, imported only when it runs.
 */
import type { parseArgs, ParseArgsConfig } from 'node:util';
import { DiagError } from '../errors.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export type Args<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

export type Run<O extends Options> = (args: Args<O>, io: Io) => Promise<number> | number;

/** What `--help` shows and parseArgs needs: everything about a command but its implementation. */
export interface CommandSpec<O extends Options = Options> {
  name: string;
  summary: string;
  usage: string;
  /** one line per option, shown by --help */
  help: string;
  options: O;
  positionals?: boolean;
}

export interface Command<O extends Options = Options> extends CommandSpec<O> {
  run: Run<O>;
}

export function defineSpec<O extends Options>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** A command: its spec (from commands.ts) and the function that runs it. */
export function implement<O extends Options>(spec: CommandSpec<O>, implementation: { run: Run<O> }): Command<O> {
  return { ...spec, run: implementation.run };
}

/** A numeric option: a clear usage error when it is not a whole number in range. */
export function intOption(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new DiagError('USAGE', `--${name} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

export function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new DiagError('USAGE', `--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}
