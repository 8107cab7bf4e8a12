/**
 * The pseudonymous participant code that links one official's records across the diagnosis and the pilot's
 * instruments (module reactions, end of programme, 3-month follow-up) without a name, an e-mail or any other
 * identifying answer.
 *
 * Format: `XXXX-XXXX`, eight characters of Crockford's base-32 alphabet (0–9 and A–Z without I, L, O, U, so that
 * 1/I/L and 0/O cannot be confused) in two groups of four. The first seven carry 35 random bits; the eighth is a
 * check character (Luhn mod N, N = 32: Luhn 1954 generalised to any alphabet), which catches every single mistyped
 * character and every swap of two adjacent characters except a swap of "0" and "Z" (values 0 and N − 1, Luhn mod N's
 * known blind spot: 2 of the 32·31 ordered pairs, about 0.2 % of random swaps).
 * Codes are read case-insensitively; the hyphen is required.
 *
 * Generation: the 35 bits are the first bits of HMAC-SHA-256(secret, key), where `key` is anything unique per
 * participant (e.g. `<wave>:<TERYT>:<slot>`). Without the secret, a valid code cannot be produced except by
 * guessing one of 2^35 ≈ 3.4·10^10 patterns, so the few hundred issued codes cannot be enumerated; with it,
 * the same key always gives the same code (a code can be reissued to the same participant).
 *
 * Example: participantCode('a secret of at least 16 chars', 'pilot:0201011:1') → a code such as `7K2M-QX9D`
 * (check: isParticipantCode(code) === true; changing any one character makes it false).
 */
import { createHmac } from 'node:crypto';

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = CODE_ALPHABET.length;
/** A well-formed code (either case); whether its check character agrees is `checkParticipantCode`'s business. */
export const PARTICIPANT_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/i;
/** The shortest secret the generator accepts (characters). */
export const MIN_SECRET_LENGTH = 16;

export type CodeCheck = { ok: true; code: string } | { ok: false; reason: string };

/** The check character of seven payload characters (Luhn mod 32, doubling from the rightmost payload character). */
export function checkCharacter(payload: string): string {
  let sum = 0;
  let double = true;
  for (let i = payload.length - 1; i >= 0; i--) {
    let v = CODE_ALPHABET.indexOf(payload[i]!);
    if (v < 0) throw new RangeError(`'${payload[i]}' is not a code character`);
    if (double) {
      v *= 2;
      v = Math.floor(v / N) + (v % N);
    }
    sum += v;
    double = !double;
  }
  return CODE_ALPHABET[(N - (sum % N)) % N]!;
}

/** A code read from input: normalised to upper case, or why it is not a participant code. */
export function checkParticipantCode(input: string): CodeCheck {
  const text = input.trim().toUpperCase();
  if (!PARTICIPANT_CODE_PATTERN.test(text)) return { ok: false, reason: 'a participant code is 8 characters XXXX-XXXX of 0–9 and A–Z without I, L, O, U' };
  const chars = text.replace('-', '');
  if (checkCharacter(chars.slice(0, 7)) !== chars[7]) return { ok: false, reason: 'the check character does not match: a character is mistyped or two are swapped' };
  return { ok: true, code: text };
}

export function isParticipantCode(input: string): boolean {
  return checkParticipantCode(input).ok;
}

/** The code of one participant: HMAC-SHA-256(secret, key) → 35 bits → 7 characters + the check character. */
export function participantCode(secret: string, key: string): string {
  if (secret.length < MIN_SECRET_LENGTH) throw new RangeError(`the participant-code secret must have at least ${MIN_SECRET_LENGTH} characters`);
  const mac = createHmac('sha256', secret).update(key, 'utf8').digest();
  // 35 bits from the first five bytes (40 bits), high bits first
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(mac[i]!);
  bits >>= 5n;
  let payload = '';
  for (let i = 6; i >= 0; i--) payload += CODE_ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
  const code = payload + checkCharacter(payload);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Codes for many participants at once, one per key, in the keys' order. Two keys that map to the same code (a
 * chance of about n²/2³⁶: 10⁻⁵ for a thousand participants) are refused rather than silently linked.
 */
export function participantCodes(secret: string, keys: readonly string[]): string[] {
  const seen = new Map<string, string>();
  return keys.map((key) => {
    const code = participantCode(secret, key);
    const other = seen.get(code);
    if (other !== undefined && other !== key) throw new RangeError(`keys '${other}' and '${key}' give the same participant code; change one key`);
    seen.set(code, key);
    return code;
  });
}
