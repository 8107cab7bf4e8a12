import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { participantCode } from '../../src/domain/participant-code.ts';
import { isDiagError } from '../../src/errors.ts';
import { loadPilotInstrument } from '../../src/questionnaire/instrument.ts';
import { loadQuestionnaire } from '../../src/questionnaire/load.ts';
import { validateResponse } from '../../src/questionnaire/validate.ts';
import { readResponsesCsv, writeResponsesCsv } from '../../src/responses/csv.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const SURVEYS = resolve(import.meta.dirname, '../../surveys');
const reaction = loadPilotInstrument(join(SURVEYS, 'pilot-reakcja.json'));
const post = loadPilotInstrument(join(SURVEYS, 'pilot-koniec.json'));
const followup = loadPilotInstrument(join(SURVEYS, 'pilot-po-3-miesiacach.json'));
const code = participantCode('a test secret of enough length', 'p1');

describe('the pilot instruments shipped in surveys/', () => {
  it('declare their kind, roles and scales in JSON', () => {
    expect([reaction.kind, post.kind, followup.kind]).toEqual(['reaction', 'post', 'followup']);
    expect(reaction.scales.map((s) => s.code)).toEqual(['relevance', 'usefulness', 'trainer', 'organisation']);
    expect(reaction.scales.every((s) => s.values.join() === '1,2,3,4,5')).toBe(true);
    expect(reaction.moduleQuestion).toBe('module');
    expect(reaction.modules).toHaveLength(12);
    expect(followup.tabulate).toEqual(['plan_status', 'barriers']);
    for (const i of [reaction, post, followup]) {
      expect(i.participantCode).toBe('participant_code');
      expect(i.programmes.map((p) => p.code)).toEqual(['GW_K', 'GW_O', 'GM_K', 'GM_O', 'PW_K', 'PW_O']);
    }
  });

  it('the end-of-programme questionnaire asks the diagnosis items again, now and retrospectively before', () => {
    const diag = shippedQuestionnaire();
    expect(post.measures.map((m) => `${m.column}:${m.role}`)).toEqual(['now:level', 'before:retrospective']);
    expect(post.areas.map((a) => a.code)).toEqual(diag.areas.map((a) => a.code));
    for (const a of post.areas) expect(a.items.map((i) => i.code)).toEqual(diag.areas.find((d) => d.code === a.code)!.items.map((i) => i.code));
    expect(post.variables.filter((v) => v.measure === 'retrospective')).toHaveLength(diag.variables.filter((v) => v.measure === 'level').length);
  });

  it('ask for nothing that identifies a person: no name, e-mail, position, JST or TERYT question', () => {
    for (const i of [reaction, post, followup]) {
      const names = i.questions.map((q) => q.name).join(' ');
      expect(names).not.toMatch(/name|mail|teryt|jst|position|phone/i);
    }
  });

  it('validate a response, and catch a participant code whose check character is wrong', () => {
    const data = { participant_code: code, programme: 'GW_K', module: 'DANE', relevance: 4, usefulness: 5, trainer: 3, organisation: 2 };
    expect(validateResponse(reaction, { id: 'r1', data, meta: {} }).issues).toEqual([]);
    const typo = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    const bad = validateResponse(reaction, { id: 'r2', data: { ...data, participant_code: typo }, meta: {} });
    expect(bad.issues.map((i) => `${i.variable}:${i.code}`)).toEqual(['participant_code:participant_code_invalid']);
    // a module the programme does not have (vocational education in a gmina programme)
    const zawod = validateResponse(reaction, { id: 'r3', data: { ...data, module: 'ZAWOD' }, meta: {} });
    expect(zawod.issues.map((i) => i.code)).toEqual(['invalid_value']);
  });

  it('hide the areas a programme does not train (vocational education for gminas, pre-school for counties)', () => {
    const gmina = post.variables.find((v) => v.name === 'ZAWOD1_now')!;
    expect(gmina.visibility.conditions).toEqual(["{programme} anyof ['PW_K', 'PW_O']"]);
    const items: Record<string, Record<string, number>> = {};
    for (const a of post.areas) for (const it of a.items) items[a.code] = { ...items[a.code], [it.code]: 1 } as never;
    const r = validateResponse(post, { id: 'x', data: { participant_code: code, programme: 'GW_O', ZAWOD: { ZAWOD1: { now: 3, before: 2 } } }, meta: {} });
    expect(r.issues.some((i) => i.variable === 'ZAWOD' && i.code === 'hidden_answer')).toBe(true);
  });

  it('round-trip through the flat CSV format', () => {
    const responses = [{ id: 'f1', data: { participant_code: code, programme: 'PW_O', applied: 4, improved: 3, shared: 5, plan_status: 'adopted', barriers: ['time', 'funds'] }, meta: { wave: 'fu' } }];
    const csv = writeResponsesCsv(followup, responses);
    expect(csv.split('\n')[0]).toContain('barriers_time');
    const back = readResponsesCsv(followup, Buffer.from(csv), 'fu.csv');
    expect(back.responses[0]!.data).toEqual(responses[0]!.data);
  });

  it('are refused by the diagnosis loader, and a diagnosis by the pilot loader, with the reason', () => {
    expect(() => loadQuestionnaire(join(SURVEYS, 'pilot-reakcja.json'))).toThrow(/pilot instrument \("instrument": "reaction"\)/);
    try {
      loadPilotInstrument(join(SURVEYS, 'diagnoza-jst.json'));
      expect.unreachable();
    } catch (e) {
      expect(isDiagError(e) && e.details[0]!.message).toMatch(/"instrument" must be one of reaction, post, followup/);
    }
  });
});

describe('a new pilot instrument is added by JSON files alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diag-instrument-'));
  const write = (survey: object, meta: object) => {
    writeFileSync(join(dir, 'x.json'), JSON.stringify(survey));
    writeFileSync(join(dir, 'x.programme.json'), JSON.stringify(meta));
    return join(dir, 'x.json');
  };
  const survey = {
    pages: [{ name: 'p', elements: [
      { type: 'text', name: 'kod', isRequired: true },
      { type: 'radiogroup', name: 'prog', isRequired: true, choices: ['A', 'B'] },
      { type: 'rating', name: 'klimat', isRequired: true, rateMin: 1, rateMax: 7 },
    ] }],
  };

  it('a follow-up with its own question names and a 1–7 scale', () => {
    const i = loadPilotInstrument(write(survey, { instrument: 'followup', roles: { participantCode: 'kod', programme: 'prog' }, scales: [{ code: 'climate', question: 'klimat', label: { pl: 'klimat', en: 'climate' } }] }));
    expect(i.participantCode).toBe('kod');
    expect(i.scales[0]!.values).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(validateResponse(i, { id: '1', data: { kod: 'ABCD-EFGH', prog: 'A', klimat: 6 }, meta: {} }).issues.map((x) => x.code)).toEqual(['participant_code_invalid']);
  });

  it('metadata that does not fit the questionnaire is reported, every problem at once, naming the file', () => {
    try {
      loadPilotInstrument(write(survey, { instrument: 'reaction', roles: { participantCode: 'prog', programme: 'nie_ma' }, scales: [{ code: 'c', question: 'kod' }] }));
      expect.unreachable();
    } catch (e) {
      if (!isDiagError(e)) throw e;
      const messages = e.details.map((d) => `${d.file?.endsWith('x.programme.json')}: ${d.message}`);
      expect(messages).toEqual([
        "true: roles.participantCode: question 'prog' must be text, not radiogroup",
        'true: roles.programme must name a question of the questionnaire, got "nie_ma"',
        'true: roles.module must name a question of the questionnaire, got undefined',
        "true: scale 'c': question 'kod' must be a rating question of the questionnaire",
        'true: "scales" must list the rating questions a reaction questionnaire summarises',
      ]);
    }
  });
});
