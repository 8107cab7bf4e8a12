/**
 * The ledger of printed numbers: every number a programme document (and the report pages that summarise the
 * programmes) prints from data is formatted here and recorded with where it comes from, so that a test can
 * check each printed number against results.json and the programme JSON, and that no quantity is printed
 * with two values.
 *
 * Keys: a path into results.json (figures.ts `resolveKey`), `programme:<CODE>:<path>` into a programme's JSON,
 * or `text:<what>` for a number that is not data (a module's position, a year).
 */
import { formatNumber, formatPercent, type Lang } from './kit/index.ts';
import type { Figure } from '../recommendations/figures.ts';

export interface LedgerEntry {
  key: string;
  value: number;
  /** the printed number (no unit, no noun) */
  text: string;
  /** how it was formatted: decimals, and whether it is a share printed as a percentage */
  decimals: number;
  percent: boolean;
  kind: string;
  variant: string | null;
}

/** How a number of a given kind is printed. */
export function printedNumber(value: number, decimals: number, percent: boolean, lang: Lang): string {
  if (!percent) return formatNumber(value, { decimals, lang });
  // the percentage without its sign: the ledger holds the number only
  return formatPercent(value, { fraction: true, decimals, lang }).replace(/\u00A0?%$/, '');
}

export class Ledger {
  readonly entries: LedgerEntry[] = [];
  constructor(readonly lang: Lang) {}

  /** Records and returns the printed number. */
  number(key: string, value: number, opts: { decimals?: number; percent?: boolean; kind?: string; variant?: string | null } = {}): string {
    const decimals = opts.decimals ?? (Number.isInteger(value) ? 0 : 2);
    const percent = opts.percent ?? false;
    const text = printedNumber(value, decimals, percent, this.lang);
    this.entries.push({ key, value, text, decimals, percent, kind: opts.kind ?? 'number', variant: opts.variant ?? null });
    return text;
  }

  /** A figure from the results (figures.ts), formatted by its kind: shares as percentages, means and MWDS with 2 decimals. */
  figure(f: Figure, decimals?: number): string {
    const percent = f.kind === 'share';
    const d = decimals ?? (percent ? 0 : f.kind === 'count' || f.kind === 'rank' ? 0 : 2);
    const text = this.number(f.key, f.value, { decimals: d, percent, kind: f.kind, variant: f.variant });
    return percent ? `${text}${this.lang === 'pl' ? '\u00A0%' : '%'}` : text;
  }
}
