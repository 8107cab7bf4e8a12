/**
 * The one rule for text that enters the toolkit, on every entry point (HTTP bodies, paths and query strings, CLI
 * options, CSV and JSON files) and in both stores: **no NUL character (U+0000) and no unpaired UTF-16 surrogate
 * (U+D800–U+DFFF standing alone)**. Such text is refused with a 4xx / a usage error naming the field; it is never
 * stored and never normalised.
 *
 * Why refuse rather than normalise: neither is text a person typed. PostgreSQL cannot store NUL in `text` or
 * `jsonb` at all, and its `jsonb` refuses an escaped lone surrogate, while SQLite stores both; the pg driver would
 * silently turn a lone surrogate in a `text` column into U+FFFD. Normalising would store something other than what
 * was sent, differently on each back end; refusing keeps both stores identical and tells the sender what is wrong.
 */

declare global {
  interface String {
    /** ES2024 (V8 11, Node ≥ 20): false when the string holds an unpaired surrogate */
    isWellFormed(): boolean;
  }
}

/** The rule as a JSON Schema `pattern` (read with the `u` flag, as Ajv does: a surrogate pair is one code point). */
export const SAFE_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';

/** What is wrong with a text, in words, or null when it keeps the rule. */
export function unsafeTextReason(text: string): string | null {
  if (isSafeText(text)) return null;
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (!text.isWellFormed()) return 'contains an unpaired UTF-16 surrogate (U+D800–U+DFFF)';
  return null;
}

/** What the rule expects, for messages. */
export const SAFE_TEXT_EXPECTED = 'text without NUL characters (U+0000) or unpaired surrogates (U+D800–U+DFFF)';

/** Bounds of `findUnsafeText`'s walk. */
export interface WalkLimits {
  /** most values visited (default 1,000,000) */
  maxNodes?: number;
  /** deepest nesting of arrays and objects (default 64) */
  maxDepth?: number;
}

/**
 * The first string inside a JSON-like value (object keys included) that breaks the rule, or a value nested or sized
 * beyond the limits: where (`a.b[2]`) and why; null when all is well. The walk recurses at most `maxDepth` levels
 * (so a value nested thousands deep cannot overflow the stack: it is reported at that depth), visits at most
 * `maxNodes` values, and builds the path only for the value it reports.
 */
export function findUnsafeText(value: unknown, limits: WalkLimits = {}): { path: string; reason: string } | null {
  const walk = { nodes: 0, maxNodes: limits.maxNodes ?? 1_000_000, maxDepth: limits.maxDepth ?? 64 };
  const found = visit(value, 0, walk);
  if (!found) return null;
  const path = found.path.reverse().map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${clipText(k, 40)}`)).join('');
  return { path: path || '(top level)', reason: found.reason };
}

interface Found {
  /** innermost first */
  path: (string | number)[];
  reason: string;
}

function visit(v: unknown, depth: number, walk: { nodes: number; maxNodes: number; maxDepth: number }): Found | null {
  if (++walk.nodes > walk.maxNodes) return { path: [], reason: `is too large (more than ${walk.maxNodes} values)` };
  if (typeof v === 'string') {
    const reason = unsafeTextReason(v);
    return reason ? { path: [], reason } : null;
  }
  if (typeof v !== 'object' || v === null) return null;
  if (depth >= walk.maxDepth) return { path: [], reason: `is nested more than ${walk.maxDepth} levels deep` };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = visit(v[i], depth + 1, walk);
      if (found) {
        found.path.push(i);
        return found;
      }
    }
    return null;
  }
  for (const key of Object.keys(v)) {
    const bad = unsafeTextReason(key);
    if (bad) return { path: [], reason: `has a key that ${bad}` };
    const found = visit((v as Record<string, unknown>)[key], depth + 1, walk);
    if (found) {
      found.path.push(key);
      return found;
    }
  }
  return null;
}

/** The text rule as a predicate (an Ajv format, see SAFE_TEXT_FORMAT). */
export function isSafeText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

/** The name of the text rule as a JSON Schema `format` (the server's strict validator knows it). */
export const SAFE_TEXT_FORMAT = 'safe-text';

/** At most `max` UTF-16 units of a text (never splitting a surrogate pair), with "…" when cut. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Longest text an error message echoes from input. */
export const ECHO_MAX = 80;

/**
 * A value from untrusted input as an error may echo it: bounded whatever it is. Strings are clipped; numbers,
 * booleans and null pass; arrays and objects become a short JSON-like text (depth ≤ 3, clipped), built without
 * calling any method of the value (a `toString` that is not a function, a getter, thousands of levels: none
 * matters); anything else (undefined, a function) is undefined.
 */
export function previewValue(value: unknown, max = ECHO_MAX): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return clipText(value, max);
  if (typeof value !== 'object') return undefined;
  const out = { text: '' };
  shortJson(value, 0, out, max);
  return clipText(out.text, max);
}

function shortJson(value: unknown, depth: number, out: { text: string }, max: number): void {
  if (out.text.length > max) return;
  if (value === null || typeof value === 'boolean' || typeof value === 'number') {
    out.text += typeof value === 'number' && !Number.isFinite(value) ? 'null' : String(value);
  } else if (typeof value === 'string') {
    out.text += JSON.stringify(clipText(value, max));
  } else if (typeof value !== 'object') {
    out.text += 'null';
  } else if (depth >= 3) {
    out.text += Array.isArray(value) ? '[…]' : '{…}';
  } else if (Array.isArray(value)) {
    out.text += '[';
    for (let i = 0; i < value.length && out.text.length <= max; i++) {
      if (i) out.text += ',';
      shortJson(value[i], depth + 1, out, max);
    }
    out.text += ']';
  } else {
    out.text += '{';
    let first = true;
    for (const key of Object.keys(value)) {
      if (out.text.length > max) break;
      out.text += `${first ? '' : ','}${JSON.stringify(clipText(key, 40))}:`;
      first = false;
      shortJson((value as Record<string, unknown>)[key], depth + 1, out, max);
    }
    out.text += '}';
  }
}
