/**
 * Number, date and word formatting for the reports, Polish first (PN-ISO 80000 and GUS conventions) with
 * English equivalents.
 *
 * Polish: decimal comma (`3,45`), thousands grouped with a narrow no-break space (`1 234`, U+202F, so a
 * number never breaks across lines), a real minus sign (`−0,12`, U+2212), a no-break space before the
 * per cent sign (`45,2 %`), an en dash in ranges (`3,12–3,48`). English: `1,234`, `3.45`, `45.2%`.
 *
 * Every formatter takes `null`, `undefined`, NaN and ±Infinity and prints the en dash "–" instead, so a
 * report can never show "NaN" or "undefined".
 */

export type Lang = 'pl' | 'en';

/** U+00A0 NO-BREAK SPACE: between a number and its unit (`45,2 %`, `22 gminy`). */
export const NBSP = '\u00A0';
/** U+202F NARROW NO-BREAK SPACE: the Polish thousands separator. */
export const THIN_NBSP = '\u202F';
/** U+2212 MINUS SIGN: typographically correct, unlike the hyphen-minus. */
export const MINUS = '\u2212';
/** U+2013 EN DASH: ranges, and the placeholder for a missing or suppressed value. */
export const EN_DASH = '\u2013';
/** What every formatter prints for a missing value. */
export const MISSING = EN_DASH;

type Num = number | null | undefined;

function isNum(x: Num): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export interface NumberFormat {
  /** digits after the decimal separator (default 0 for formatInt, 2 for formatNumber) */
  decimals?: number;
  lang?: Lang;
  /** print a plus sign for positive values (differences, effects) */
  signed?: boolean;
}

/**
 * A number rounded to `decimals` places with `toFixed` (half away from zero on the stored binary value,
 * so 1.005 → `1,00` because it is stored as 1.00499…). A value that rounds to zero prints without a sign
 * (never `−0,00`).
 */
export function formatNumber(x: Num, opts: NumberFormat = {}): string {
  if (!isNum(x)) return MISSING;
  const decimals = opts.decimals ?? 2;
  const lang = opts.lang ?? 'pl';
  const fixed = Math.abs(x).toFixed(decimals);
  const isZero = /^[0.]+$/.test(fixed);
  const [intPart = '0', frac] = fixed.split('.');
  const group = lang === 'pl' ? THIN_NBSP : ',';
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const body = frac === undefined ? grouped : `${grouped}${lang === 'pl' ? ',' : '.'}${frac}`;
  if (isZero) return body;
  if (x < 0) return `${MINUS}${body}`;
  return opts.signed ? `+${body}` : body;
}

/** An integer count: `1 234` (pl), `1,234` (en). */
export function formatInt(x: Num, lang: Lang = 'pl'): string {
  return formatNumber(x, { decimals: 0, lang });
}

/**
 * A percentage. `value` is already in per cent (45.2 → `45,2 %`); pass `{ fraction: true }` for a
 * proportion (0.452 → `45,2 %`).
 */
export function formatPercent(value: Num, opts: NumberFormat & { fraction?: boolean } = {}): string {
  if (!isNum(value)) return MISSING;
  const lang = opts.lang ?? 'pl';
  const pct = opts.fraction ? value * 100 : value;
  const body = formatNumber(pct, { decimals: opts.decimals ?? 1, lang, signed: opts.signed });
  return lang === 'pl' ? `${body}${NBSP}%` : `${body}%`;
}

/**
 * A confidence level (0.95) in per cent, without the sign, in the language's typography: `95`, `90`, `97,5`
 * (for interval labels, which must name the level the intervals were computed at).
 */
export function levelPercent(level: number, lang: Lang = 'pl'): string {
  const pct = Math.round(level * 1000) / 10;
  return formatNumber(pct, { decimals: Number.isInteger(pct) ? 0 : 1, lang });
}

/**
 * A confidence interval as a range: `3,12–3,48`. When a bound is negative the dash is spaced
 * (`−0,12 – 0,30`) so it cannot be read as a minus sign.
 */
export function formatCi(lo: Num, hi: Num, opts: NumberFormat = {}): string {
  if (!isNum(lo) || !isNum(hi)) return MISSING;
  const a = formatNumber(lo, opts);
  const b = formatNumber(hi, opts);
  return lo < 0 || hi < 0 ? `${a}${NBSP}${EN_DASH} ${b}` : `${a}${EN_DASH}${b}`;
}

/** A p-value as reported in the tables: `p < 0,001`, `p = 0,034`, `p > 0,999`. */
export function formatP(p: Num, lang: Lang = 'pl'): string {
  if (!isNum(p) || p < 0 || p > 1) return MISSING;
  const f = (x: number) => formatNumber(x, { decimals: 3, lang });
  if (p < 0.001) return `p${NBSP}<${NBSP}${f(0.001)}`;
  if (p > 0.999) return `p${NBSP}>${NBSP}${f(0.999)}`;
  return `p${NBSP}=${NBSP}${f(p)}`;
}

/** "n = 1 234": the base of an estimate. */
export function formatN(n: Num, lang: Lang = 'pl'): string {
  if (!isNum(n)) return MISSING;
  return `n${NBSP}=${NBSP}${formatInt(n, lang)}`;
}

/** Month names in the genitive, as a Polish date needs ("24 listopada 2026"). */
const MONTHS_PL = ['stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A calendar date, read in UTC so the same Date prints the same day on every machine:
 * `24 listopada 2026` (pl), `24 November 2026` (en).
 */
export function formatDate(date: Date | null | undefined, lang: Lang = 'pl'): string {
  if (!date || Number.isNaN(date.getTime())) return MISSING;
  const months = lang === 'pl' ? MONTHS_PL : MONTHS_EN;
  return `${date.getUTCDate()}${NBSP}${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/**
 * Which of the three Polish noun forms a count takes:
 * - `one`: exactly 1 (1 gmina);
 * - `few`: the last digit is 2–4 but the last two are not 12–14 (2, 3, 4, 22, 104 gminy), and every
 *   non-integer (2,5 gminy);
 * - `many`: everything else (0, 5–21, 25–31, 112 gmin).
 * English has only `one` (n = 1) and the plural, passed as `few` (and `many`).
 */
export function pluralForm(n: number, one: string, few: string, many: string = few, lang: Lang = 'pl'): string {
  const abs = Math.abs(n);
  if (lang === 'en') return abs === 1 ? one : few;
  if (!Number.isInteger(abs)) return few;
  if (abs === 1) return one;
  const d = abs % 10;
  const dd = abs % 100;
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return few;
  return many;
}

/**
 * A count with its noun in agreement, number and noun joined by a no-break space:
 * `plural(22, 'gmina', 'gminy', 'gmin')` → `22 gminy`; `plural(3, 'municipality', 'municipalities',
 * undefined, 'en')` → `3 municipalities`.
 */
export function plural(n: Num, one: string, few: string, many: string = few, lang: Lang = 'pl'): string {
  if (!isNum(n)) return MISSING;
  const decimals = Number.isInteger(n) ? 0 : 1;
  return `${formatNumber(n, { decimals, lang })}${NBSP}${pluralForm(n, one, few, many, lang)}`;
}

/** Words for an effect size, by Cohen's conventional thresholds (|d| 0.2 / 0.5 / 0.8). */
export function effectSizeWords(d: Num, lang: Lang = 'pl'): string {
  if (!isNum(d)) return MISSING;
  const a = Math.abs(d);
  const pl = ['znikomy', 'mały', 'średni', 'duży'];
  const en = ['negligible', 'small', 'medium', 'large'];
  const i = a < 0.2 ? 0 : a < 0.5 ? 1 : a < 0.8 ? 2 : 3;
  return (lang === 'pl' ? pl : en)[i] ?? MISSING;
}
