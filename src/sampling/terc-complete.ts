/** Whether a parsed TERC register is the whole country (see terc.ts): what a whole register has and this one lacks. */
import { VOIVODESHIP_CODES, VOIVODESHIPS } from '../domain/jst.ts';
import type { IgnoredRodz, Located, TercCounty, TercGmina, TercVoivodeship } from './terc.ts';
import { TERYT_COUNTS, TERYT_COUNTS_DATE } from './teryt-counts.ts';

/**
 * What a whole register has and this one lacks (see the module comment), one message each: missing voivodeships
 * together, then per voivodeship, county and urban-rural gmina.
 */
export function completeness(
  voivodeships: Map<string, Located<TercVoivodeship>>,
  counties: Map<string, Located<TercCounty>>,
  gminas: Map<string, Located<TercGmina>>,
  parts: Map<string, Located<IgnoredRodz>>,
  date: string,
): string[] {
  const out: string[] = [];
  const absent = VOIVODESHIP_CODES.filter((w) => !voivodeships.has(w));
  if (absent.length) {
    out.push(`expected all 16 voivodeships, found ${16 - absent.length}: missing ${absent.map((w) => `${w} ${VOIVODESHIPS[w]}`).join(', ')}`);
  }
  const countiesOf = new Map<string, TercCounty[]>();
  for (const { value: c } of counties.values()) countiesOf.set(c.voivodeship, [...(countiesOf.get(c.voivodeship) ?? []), c]);
  const withGminas = new Set([...gminas.values()].map(({ value: g }) => g.county));
  for (const w of VOIVODESHIP_CODES) {
    if (!voivodeships.has(w)) continue;
    const mine = countiesOf.get(w) ?? [];
    const name = `voivodeship ${w} ${VOIVODESHIPS[w]}`;
    if (!mine.some((c) => !c.cityWithCountyRights)) out.push(`expected counties (powiaty) in ${name}, found none`);
    if (!mine.some((c) => c.cityWithCountyRights)) out.push(`expected at least one city with county rights in ${name} (every voivodeship has one), found none`);
    const reference = TERYT_COUNTS[w];
    if (reference && date >= '2013-01-01') {
      const expected = reference.county + reference.city_county;
      if (mine.length < expected) {
        out.push(`expected at least ${expected} county-level units in ${name} (the register of ${TERYT_COUNTS_DATE} has ${expected}; the county level has not changed since 2013), found ${mine.length}`);
      }
    }
  }
  for (const { value: c } of counties.values()) {
    if (!c.cityWithCountyRights && !withGminas.has(c.code)) out.push(`expected gminas in county ${c.code} (powiat ${c.name}), found none`);
  }
  for (const { value: g } of gminas.values()) {
    if (g.rodz !== 3) continue;
    const base = g.teryt.slice(0, 6);
    for (const [rodz, what] of [['4', 'town'], ['5', 'rural area']] as const) {
      if (!parts.has(base + rodz)) out.push(`expected the ${what} (RODZ ${rodz}) of the urban-rural gmina ${g.teryt} ${g.name}, found none`);
    }
  }
  return out;
}

