/**
 * The vocabulary of Polish local government (JST) used everywhere in the toolkit:
 * JST kinds, voivodeships and the 7-digit TERYT identifier convention.
 */

/** The kind of a JST as the questionnaire records it. Codes are stable data values. */
export const JST_KINDS = ['rural', 'urban_rural', 'urban', 'city_county', 'county'] as const;
export type JstKind = (typeof JST_KINDS)[number];

export const JST_KIND_LABELS: Record<JstKind, { pl: string; en: string }> = {
  rural: { pl: 'gmina wiejska', en: 'rural gmina' },
  urban_rural: { pl: 'gmina miejsko-wiejska', en: 'urban-rural gmina' },
  urban: { pl: 'gmina miejska', en: 'urban gmina' },
  city_county: { pl: 'miasto na prawach powiatu', en: 'city with county rights' },
  county: { pl: 'powiat', en: 'county (powiat)' },
};

/** The 16 voivodeships by their two-digit TERYT code. */
export const VOIVODESHIPS: Readonly<Record<string, string>> = {
  '02': 'dolnośląskie',
  '04': 'kujawsko-pomorskie',
  '06': 'lubelskie',
  '08': 'lubuskie',
  '10': 'łódzkie',
  '12': 'małopolskie',
  '14': 'mazowieckie',
  '16': 'opolskie',
  '18': 'podkarpackie',
  '20': 'podlaskie',
  '22': 'pomorskie',
  '24': 'śląskie',
  '26': 'świętokrzyskie',
  '28': 'warmińsko-mazurskie',
  '30': 'wielkopolskie',
  '32': 'zachodniopomorskie',
};
/** Voivodeship codes in code order (Object.keys would list '10'…'32' before '02'…'08'). */
export const VOIVODESHIP_CODES = Object.keys(VOIVODESHIPS).sort();

/**
 * TERYT identifiers are 7 digits, WWPPGGR:
 * - gmina: WOJ (2) + POW (2) + GMI (2) + RODZ (1), RODZ 1 = urban, 2 = rural, 3 = urban-rural (TERC);
 * - city with county rights: its gmina code, POW >= 61, GMI 01, RODZ 1 (e.g. Warszawa 1465011);
 * - county (powiat): its 4-digit TERC code WOJ+POW padded with "000" (our convention, since TERC
 *   gives counties no RODZ), POW 01..60.
 */
export type TerytCheck = { ok: true; voivodeship: string; kind: JstKind } | { ok: false; expected: string };

const RODZ_KIND: Record<string, JstKind> = { '1': 'urban', '2': 'rural', '3': 'urban_rural' };

export function checkTeryt(code: string): TerytCheck {
  if (!/^\d{7}$/.test(code)) return { ok: false, expected: '7 digits WWPPGGR' };
  const woj = code.slice(0, 2);
  const pow = Number(code.slice(2, 4));
  const gmi = code.slice(4, 6);
  const rodz = code.slice(6, 7);
  if (!(woj in VOIVODESHIPS)) return { ok: false, expected: `a voivodeship code (02, 04, …, 32) in digits 1–2, got ${woj}` };
  if (pow === 0) return { ok: false, expected: 'a county number 01–99 in digits 3–4, got 00' };
  if (gmi === '00' && rodz === '0') {
    if (pow >= 61) return { ok: false, expected: 'a county code with county number 01–60 (cities with county rights use their gmina code WWPP011)' };
    return { ok: true, voivodeship: woj, kind: 'county' };
  }
  if (gmi === '00') return { ok: false, expected: 'a gmina number 01–99 in digits 5–6, or WWPP000 for a county' };
  const kind = RODZ_KIND[rodz];
  if (!kind) return { ok: false, expected: `a gmina kind digit 1, 2 or 3 in digit 7, got ${rodz}` };
  if (pow >= 61) {
    if (gmi !== '01' || rodz !== '1') return { ok: false, expected: 'a city with county rights coded WWPP011 (county number >= 61)' };
    return { ok: true, voivodeship: woj, kind: 'city_county' };
  }
  return { ok: true, voivodeship: woj, kind };
}
