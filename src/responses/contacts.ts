/**
 * Invitation contacts of a wave from a CSV file: one row per e-mail address of an invited JST.
 *
 * The file: UTF-8 (with or without BOM) or Windows-1250, `;` `,` or tab (decided from the header), quoting as in
 * RFC 4180 within a line. A header names the columns (case and diacritics aside): `teryt` (or `kod_teryt`), `email`
 * (or `e-mail`, `adres`), and optionally `name` (or `nazwa`, `osoba`, `imie_nazwisko`). Every row must name a JST
 * invited in the wave (7-digit TERYT code; a code that lost its leading zero in a spreadsheet, 6 digits, is read
 * with it) and a plausible address; an address twice for one JST is an error. All or nothing: any problem refuses
 * the whole file, and every problem names its row and column. Addresses are never put into messages.
 */
import { DiagError, type ErrorDetail } from '../errors.ts';
import { splitFields, splitLines } from '../sampling/delimited.ts';
import { decodeText } from '../util/text.ts';
import type { Contact, Store } from './store/types.ts';

const COLUMNS: Record<'teryt' | 'email' | 'name', readonly string[]> = {
  teryt: ['teryt', 'kod_teryt', 'kod teryt', 'kod'],
  email: ['email', 'e-mail', 'e_mail', 'mail', 'adres', 'adres_email', 'adres e-mail'],
  name: ['name', 'nazwa', 'osoba', 'imie_nazwisko', 'imię i nazwisko', 'adresat'],
};

/** An address a mail server will take: one @, a dotted domain, no spaces, no angle brackets or commas. */
const EMAIL = /^[^\s@<>,;"()[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

const MAX_ERRORS = 200;

/**
 * Reads a contacts file against the JSTs invited in the wave (their TERYT codes). Throws INPUT_INVALID listing every
 * problem (row, column, what was expected); returns the contacts in file order otherwise.
 */
export function parseContactsCsv(bytes: Uint8Array, fileName: string, invited: ReadonlySet<string>): Contact[] {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new DiagError('INPUT_INVALID', `${fileName}: ${decoded.expected}`, [{ file: fileName, message: decoded.expected }]);
  const lines = splitLines(decoded.decoded.text).filter((l) => l.text.trim() !== '');
  const header = lines[0];
  if (!header) throw new DiagError('INPUT_INVALID', `${fileName} is empty: expected a header "teryt;email;name" and one row per address`, [{ file: fileName, row: 1, message: 'expected a header' }]);
  const delimiter = [';', '\t', ','].find((d) => header.text.includes(d)) ?? ';';
  const head = splitFields(header.text, delimiter);
  if (!head.ok) throw new DiagError('INPUT_INVALID', `${fileName} row 1 (header), column ${head.field}: expected ${head.expected}`, [{ file: fileName, row: 1, column: String(head.field), message: head.expected }]);
  const norm = (s: string) => s.trim().toLowerCase();
  const index = (k: keyof typeof COLUMNS) => head.fields.findIndex((f) => COLUMNS[k].includes(norm(f)));
  const at = { teryt: index('teryt'), email: index('email'), name: index('name') };
  const missing = (['teryt', 'email'] as const).filter((k) => at[k] < 0);
  if (missing.length > 0) {
    const sep = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
    throw new DiagError('INPUT_INVALID', `${fileName} row 1 (header): no column ${missing.map((m) => `"${m}"`).join(' or ')} (columns read with ${sep}: ${head.fields.map((f) => `"${f.slice(0, 40)}"`).join(', ')})`, missing.map((m) => ({ file: fileName, row: 1, column: m, message: `expected a column named ${COLUMNS[m].slice(0, 3).join(' / ')}` })));
  }
  const errors: ErrorDetail[] = [];
  const fail = (row: number, column: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ file: fileName, row, column, message });
  };
  const contacts: Contact[] = [];
  const seen = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const split = splitFields(line.text, delimiter);
    if (!split.ok) {
      fail(line.line, String(split.field), `expected ${split.expected}`);
      continue;
    }
    const cell = (i: number) => (i < 0 ? '' : (split.fields[i] ?? '').trim());
    let teryt = cell(at.teryt);
    const email = cell(at.email);
    const name = cell(at.name);
    if (/^\d{6}$/.test(teryt)) teryt = `0${teryt}`;
    let ok = true;
    if (!/^\d{7}$/.test(teryt)) {
      fail(line.line, 'teryt', teryt === '' ? 'empty: expected the 7-digit TERYT code of an invited JST' : `"${teryt.slice(0, 20)}" is not a 7-digit TERYT code`);
      ok = false;
    } else if (!invited.has(teryt)) {
      fail(line.line, 'teryt', `${teryt} is not invited in this wave`);
      ok = false;
    }
    if (!isEmailAddress(email)) {
      fail(line.line, 'email', email === '' ? 'empty: expected an e-mail address' : 'not an e-mail address (expected name@domain.pl, one address per row)');
      ok = false;
    }
    if (name.length > 200) {
      fail(line.line, 'name', 'longer than 200 characters');
      ok = false;
    }
    if (!ok) continue;
    const key = `${teryt}\u0000${email.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(line.line, 'email', `the same address as row ${first} for JST ${teryt}`);
      continue;
    }
    seen.set(key, line.line);
    contacts.push({ teryt, email, name });
  }
  if (errors.length > 0) {
    throw new DiagError('INPUT_INVALID', `${fileName}: ${errors.length}${errors.length === MAX_ERRORS ? '+' : ''} problem${errors.length === 1 ? '' : 's'}; no contact was stored. First: row ${errors[0]!.row}, column ${errors[0]!.column}: ${errors[0]!.message}`, errors);
  }
  if (contacts.length === 0) throw new DiagError('INPUT_INVALID', `${fileName} has a header but no contact rows; nothing was stored`, [{ file: fileName, row: 2, message: 'expected one row per address' }]);
  return contacts;
}

export interface ContactsImport {
  contacts: number;
  jsts: number;
  /** invited JSTs that have no contact now */
  withoutContact: string[];
}

/** Reads the file and replaces the wave's contacts with it, all or nothing. */
export async function importContacts(store: Store, wave: string, bytes: Uint8Array, fileName: string): Promise<ContactsImport> {
  const invited = new Set((await store.listInvitations(wave)).map((i) => i.teryt));
  const contacts = parseContactsCsv(bytes, fileName, invited);
  await store.replaceContacts(wave, contacts);
  const jsts = new Set(contacts.map((c) => c.teryt));
  return { contacts: contacts.length, jsts: jsts.size, withoutContact: [...invited].filter((t) => !jsts.has(t)).sort() };
}
