import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isParticipantCode } from '../../src/domain/participant-code.ts';
import { shippedPilotInstruments } from '../../src/questionnaire/instrument.ts';
import { validateResponse } from '../../src/questionnaire/validate.ts';
import { readResponsesCsv, writeResponsesCsv } from '../../src/responses/csv.ts';
import { generatePilot } from '../../src/synth/pilot.ts';
import { PILOT_FILES, registerCsv } from '../../src/synth/pilot-files.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const q = shippedQuestionnaire();
const instruments = shippedPilotInstruments();
const root = join(import.meta.dirname, '..', '..');
const pilot = generatePilot(q, instruments, { seed: 2026 });

describe('the synthetic pilot (diag synth --pilot)', () => {
  it('30 JSTs, 10 per family, 2 management and 2 operational officials each, every one with a valid, unique code', () => {
    expect(pilot.jsts).toHaveLength(30);
    expect(pilot.diagnosis).toHaveLength(120);
    const kinds = pilot.jsts.map((u) => (u.kind === 'rural' || u.kind === 'urban_rural' ? 'rural' : u.kind === 'urban' ? 'urban' : 'county'));
    expect(['rural', 'urban', 'county'].map((f) => kinds.filter((k) => k === f).length)).toEqual([10, 10, 10]);
    const codes = pilot.register.map((r) => r.code);
    expect(new Set(codes).size).toBe(120);
    expect(codes.every(isParticipantCode)).toBe(true);
    expect(pilot.register.map((r) => r.respondentId)).toEqual(pilot.diagnosis.map((r) => r.id));
  });

  it('every response is valid for its instrument; drop-outs have no end-of-programme or follow-up response', () => {
    for (const r of pilot.diagnosis) expect(validateResponse(q, r).ok).toBe(true);
    for (const [i, rs] of [[instruments.reaction, pilot.reactions], [instruments.post, pilot.post], [instruments.followup, pilot.followup]] as const) {
      for (const r of rs) expect(validateResponse(i, r).issues).toEqual([]);
    }
    const dropouts = new Set(pilot.planted.dropouts);
    expect(dropouts.size).toBeGreaterThan(5);
    expect(pilot.post).toHaveLength(120 - dropouts.size);
    expect(pilot.post.some((r) => dropouts.has(r.data.participant_code as string))).toBe(false);
    expect(pilot.followup.some((r) => dropouts.has(r.data.participant_code as string))).toBe(false);
    // reactions: a drop-out rated at most 4 modules; nobody rated a module twice
    const seen = new Set<string>();
    for (const r of pilot.reactions) {
      const key = `${r.data.participant_code}:${r.data.module}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    for (const code of dropouts) expect(pilot.reactions.filter((r) => r.data.participant_code === code).length).toBeLessThanOrEqual(4);
  });

  it('the same seed gives the same files; the shipped data-samples/pilot/ is seed 2026', () => {
    const again = generatePilot(q, instruments, { seed: 2026 });
    expect(writeResponsesCsv(instruments.post, again.post)).toBe(writeResponsesCsv(instruments.post, pilot.post));
    expect(writeResponsesCsv(instruments.reaction, generatePilot(q, instruments, { seed: 1 }).reactions)).not.toBe(writeResponsesCsv(instruments.reaction, pilot.reactions));
    const dir = join(root, 'data-samples', 'pilot');
    expect(readFileSync(join(dir, PILOT_FILES.diagnosis), 'utf8')).toBe(writeResponsesCsv(q, pilot.diagnosis));
    expect(readFileSync(join(dir, PILOT_FILES.register), 'utf8')).toBe(registerCsv(pilot.register));
    expect(readFileSync(join(dir, PILOT_FILES.reaction), 'utf8')).toBe(writeResponsesCsv(instruments.reaction, pilot.reactions));
    expect(readFileSync(join(dir, PILOT_FILES.post), 'utf8')).toBe(writeResponsesCsv(instruments.post, pilot.post));
    expect(readFileSync(join(dir, PILOT_FILES.followup), 'utf8')).toBe(writeResponsesCsv(instruments.followup, pilot.followup));
    expect(readResponsesCsv(instruments.post, readFileSync(join(dir, PILOT_FILES.post)), 'post.csv').responses).toHaveLength(pilot.post.length);
  });

  it('no response names a person or a JST: the pilot files carry codes, programmes and ratings only', () => {
    const header = (i: keyof typeof instruments) => writeResponsesCsv(instruments[i], []).split('\n')[0]!;
    for (const k of ['reaction', 'post', 'followup'] as const) expect(header(k)).not.toMatch(/teryt|jst_kind|voivodeship|name|mail/i);
  });
});
