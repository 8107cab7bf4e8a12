/** Shared fixtures for the sampling tests: the real TERC file and a small hand-made register. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DiagError, type ErrorDetail } from '../../src/errors.ts';

/** The real register, kept next to the repository (../shared/data from the repository root). */
export const TERC_2022_PATH = fileURLToPath(new URL('../../../shared/data/TERC_2022-01-01.csv', import.meta.url));
export const terc2022Bytes = (): Uint8Array => readFileSync(TERC_2022_PATH);

/** A small register: line numbers in the comments (the header is line 1). */
export const SMALL_TERC_LINES = [
  'WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA', // 1
  '02;;;;DOLNOŚLĄSKIE;województwo;2022-01-01', // 2
  '02;01;;;bolesławiecki;powiat;2022-01-01', // 3
  '02;01;01;1;Bolesławiec;gmina miejska;2022-01-01', // 4
  '02;01;02;2;Bolesławiec;gmina wiejska;2022-01-01', // 5
  '02;01;03;3;Nowogrodziec;gmina miejsko-wiejska;2022-01-01', // 6
  '02;01;03;4;Nowogrodziec;miasto;2022-01-01', // 7
  '02;01;03;5;Nowogrodziec;obszar wiejski;2022-01-01', // 8
  '14;;;;MAZOWIECKIE;województwo;2022-01-01', // 9
  '14;65;;;Warszawa;miasto stołeczne, na prawach powiatu;2022-01-01', // 10
  '14;65;01;1;Warszawa;gmina miejska, miasto stołeczne;2022-01-01', // 11
  '14;65;02;8;Warszawa-Bemowo;dzielnica;2022-01-01', // 12
  '12;;;;MAŁOPOLSKIE;województwo;2022-01-01', // 13
  '12;61;;;Kraków;miasto na prawach powiatu;2022-01-01', // 14
  '12;61;01;1;Kraków;gmina miejska;2022-01-01', // 15
  '12;61;02;9;Kraków-Podgórze;delegatura;2022-01-01', // 16
] as const;

export const smallTerc = (lines: readonly string[] = SMALL_TERC_LINES, eol = '\r\n'): string => lines.join(eol) + eol;

/** The lines with line `line` (1-based) replaced, or removed when `text` is null. */
export function withLine(line: number, text: string | null, lines: readonly string[] = SMALL_TERC_LINES): string[] {
  const copy = lines.slice();
  if (text === null) copy.splice(line - 1, 1);
  else copy[line - 1] = text;
  return copy;
}

/** Runs `f`, expects a DiagError, and returns it. */
export function catchDiag(f: () => unknown): DiagError {
  try {
    f();
  } catch (e) {
    if (e instanceof DiagError) return e;
    throw e;
  }
  throw new Error('expected a DiagError, nothing was thrown');
}

/** Windows-1250 bytes of the Polish letters (checked against TextDecoder in terc.test.ts). */
export const CP1250_POLISH: Readonly<Record<string, number>> = {
  ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf,
  Ą: 0xa5, Ć: 0xc6, Ę: 0xca, Ł: 0xa3, Ń: 0xd1, Ó: 0xd3, Ś: 0x8c, Ź: 0x8f, Ż: 0xaf,
};

/** Encodes text of ASCII and Polish letters as Windows-1250. */
export function encodeCp1250(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    const byte = code < 0x80 ? code : CP1250_POLISH[ch];
    if (byte === undefined) throw new Error(`no Windows-1250 byte for ${JSON.stringify(ch)} in this test encoder`);
    out[i] = byte;
  }
  return out;
}

export function detailAt(e: DiagError, row: number, column: string | undefined): ErrorDetail | undefined {
  return e.details.find((d) => d.row === row && d.column === column);
}
