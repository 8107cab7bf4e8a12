/**
 * A deliberately small wave cut from the shipped sample, as in issue 10: every manager, and of the
 * operational staff 3 in rural gminas, none in urban gminas and 1 in counties.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SurveyResponse } from '../../src/questionnaire/response.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameCsv, type FrameUnit } from '../../src/sampling/frame.ts';
import { shippedQuestionnaire } from './questionnaire.ts';

const root = join(import.meta.dirname, '..', '..');
const SEGMENT_OF: Record<string, string> = { rural: 'rural', urban_rural: 'rural', urban: 'urban', county: 'county', city_county: 'county' };

export function shippedSample(): SurveyResponse[] {
  return readResponsesCsv(shippedQuestionnaire(), readFileSync(join(root, 'data-samples/responses.csv')), 'responses.csv').responses;
}

export function shippedFrame(): FrameUnit[] {
  return readFrameCsv(readFileSync(join(root, 'data-samples/frame.csv'), 'utf8'), 'frame.csv');
}

/** Operational staff kept per segment; managers are all kept. */
export const SMALL_WAVE_OPERATIONAL = { rural: 3, urban: 0, county: 1 } as const;

export function smallWave(sample = shippedSample()): SurveyResponse[] {
  const keep: Record<string, number> = { ...SMALL_WAVE_OPERATIONAL };
  return sample.filter((r) => {
    if (r.data.staff_group === 'management') return true;
    const seg = SEGMENT_OF[String(r.data.jst_kind)]!;
    return keep[seg]! > 0 && keep[seg]!-- > 0;
  });
}
