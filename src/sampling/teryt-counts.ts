/**
 * The number of JSTs per voivodeship and kind, as in the sampling frame (`frameFromTerc`), derived from the GUS
 * TERYT TERC register, state 2022-01-01 (file `TERC_2022-01-01.csv`, kept at `../shared/data/` next to the repository).
 * `county` counts counties proper (powiaty ziemskie); `urban` excludes the cities with county rights, which are
 * counted once as `city_county`. Totals: rural 1,513, urban_rural 662, urban 236, city_county 66, county 314
 * (2,791 units; 2,477 gminas; 380 county-level units).
 *
 * test/sampling/teryt-counts.test.ts recomputes this table from the register file and compares.
 */
import type { JstKind } from '../domain/jst.ts';

export const TERYT_COUNTS_DATE = '2022-01-01';
export const TERYT_COUNTS_SOURCE = 'GUS TERYT TERC register, state 2022-01-01 (TERC_2022-01-01.csv)';

export const TERYT_COUNTS: Readonly<Record<string, Readonly<Record<JstKind, number>>>> = {
  '02': { rural: 77, urban_rural: 57, urban: 31, city_county: 4, county: 26 },
  '04': { rural: 91, urban_rural: 36, urban: 13, city_county: 4, county: 19 },
  '06': { rural: 162, urban_rural: 31, urban: 16, city_county: 4, county: 20 },
  '08': { rural: 39, urban_rural: 34, urban: 7, city_county: 2, county: 12 },
  '10': { rural: 129, urban_rural: 30, urban: 15, city_county: 3, county: 21 },
  '12': { rural: 120, urban_rural: 48, urban: 11, city_county: 3, county: 19 },
  '14': { rural: 219, urban_rural: 60, urban: 30, city_county: 5, county: 37 },
  '16': { rural: 35, urban_rural: 33, urban: 2, city_county: 1, county: 11 },
  '18': { rural: 108, urban_rural: 36, urban: 12, city_county: 4, county: 21 },
  '20': { rural: 78, urban_rural: 27, urban: 10, city_county: 3, county: 14 },
  '22': { rural: 81, urban_rural: 20, urban: 18, city_county: 4, county: 16 },
  '24': { rural: 95, urban_rural: 23, urban: 30, city_county: 19, county: 17 },
  '26': { rural: 56, urban_rural: 41, urban: 4, city_county: 1, county: 13 },
  '28': { rural: 66, urban_rural: 34, urban: 14, city_county: 2, county: 19 },
  '30': { rural: 110, urban_rural: 97, urban: 15, city_county: 4, county: 31 },
  '32': { rural: 47, urban_rural: 55, urban: 8, city_county: 3, county: 18 },
};
