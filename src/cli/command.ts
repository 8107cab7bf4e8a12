/**
 * The shape of a CLI command: options declared for node:util parseArgs, a help text, and a run function
 * that writes to the given streams and returns an exit code. Commands never call process.exit.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DiagError } from '../errors.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command<O extends Options = Options> {
  name: string;
  summary: string;
  usage: string;
  /** one line per option, shown by --help */
  help: string;
  options: O;
  positionals?: boolean;
  run(args: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>, io: Io): Promise<number> | number;
}

export function defineCommand<O extends Options>(c: Command<O>): Command<O> {
  return c;
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
