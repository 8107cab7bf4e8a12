import { describe, expect, it } from 'vitest';
import { JST_KINDS, VOIVODESHIP_CODES } from '../../src/domain/jst.ts';
import { countsByStratum, frameFromTerc } from '../../src/sampling/frame.ts';
import { parseTerc } from '../../src/sampling/terc.ts';
import { TERYT_COUNTS, TERYT_COUNTS_DATE } from '../../src/sampling/teryt-counts.ts';
import { TERC_2022_PATH, terc2022Bytes } from './fixtures.ts';

describe('the embedded TERYT counts table', () => {
  it('equals the counts recomputed from the TERC register file of the same date', () => {
    const register = parseTerc(terc2022Bytes(), TERC_2022_PATH);
    expect(register.date).toBe(TERYT_COUNTS_DATE);
    const recomputed: Record<string, Record<string, number>> = {};
    for (const s of countsByStratum(frameFromTerc(register), ['voivodeship', 'kind'])) {
      (recomputed[s.values.voivodeship as string] ??= Object.fromEntries(JST_KINDS.map((k) => [k, 0])))[s.values.kind as string] = s.count;
    }
    expect(recomputed).toEqual(TERYT_COUNTS);
  });

  it('covers the 16 voivodeships with the national totals', () => {
    expect(Object.keys(TERYT_COUNTS).sort()).toEqual([...VOIVODESHIP_CODES].sort());
    const total = (k: (typeof JST_KINDS)[number]): number => Object.values(TERYT_COUNTS).reduce((s, row) => s + row[k], 0);
    expect(JST_KINDS.map(total)).toEqual([1513, 662, 236, 66, 314]);
  });
});
