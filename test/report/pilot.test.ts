import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePilot } from '../../src/analysis/pilot/analyze.ts';
import { DEFAULT_PILOT_CONFIG, type PilotResults } from '../../src/analysis/pilot/types.ts';
import { shippedPilotInstruments } from '../../src/questionnaire/instrument.ts';
import { readPilotInput } from '../../src/pipeline/pilot.ts';
import { moduleDecisions, RULES } from '../../src/report/pilot/decisions.ts';
import { renderPilotReport } from '../../src/report/pilot/render.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const dir = join(import.meta.dirname, '..', '..', 'data-samples', 'pilot');
const ref = (f: string) => ({ path: join(dir, f), cwd: dir });
const { input, inputs } = readPilotInput(
  { diagnosis: ref('pilot-diagnosis.csv'), register: ref('pilot-register.csv'), reaction: ref('pilot-reactions.csv'), post: ref('pilot-post.csv'), followup: ref('pilot-followup.csv') },
  { diagnosis: shippedQuestionnaire(), ...shippedPilotInstruments() },
);
const results = analyzePilot(input, { config: DEFAULT_PILOT_CONFIG, inputs, date: new Date('2027-10-01T12:00:00Z') });
const date = new Date('2027-10-01T12:00:00Z');

function text(pdf: Buffer): string {
  const out = mkdtempSync(join(tmpdir(), 'diag-pilot-report-'));
  writeFileSync(join(out, 'r.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(out, 'r.pdf'), '-'], { encoding: 'utf8' });
}

describe('keep / revise / drop', () => {
  const decisions = moduleDecisions(results);
  it('the poorly rated finance module is revised in every programme (rated below the keep bar, but with a measurable rise)', () => {
    const fin = decisions.filter((d) => d.module === 'FIN');
    expect(fin).toHaveLength(6);
    for (const d of fin) {
      expect(d.decision).toBe('revise');
      expect(d.reaction!.mean).toBeLessThan(RULES.keepReaction);
    }
  });

  it("rural-gmina management's data-analysis module is kept", () => {
    expect(decisions.find((d) => d.programme === 'GW_K' && d.module === 'DANE')!.decision).toBe('keep');
  });

  it('the rules as stated: drop for a very low rating without a measurable rise, none when the evidence is withheld', () => {
    const clone: PilotResults = structuredClone(results);
    const rx = clone.reactions.find((r) => r.programme === 'GM_O' && r.module === 'KADRY')!.result;
    if ('withheld' in rx) throw new Error('withheld');
    for (const s of rx.scales) s.mean = 2.5;
    const ch = clone.change.find((c) => c.programme === 'GM_O' && c.staffGroup === 'all' && c.area === 'KADRY')!;
    if ('withheld' in ch.stats) throw new Error('withheld');
    ch.stats.clustered.ciLow = -0.05;
    clone.change.find((c) => c.programme === 'GM_K' && c.staffGroup === 'all' && c.area === 'SIEC')!.stats = { withheld: true };
    const d = moduleDecisions(clone);
    expect(d.find((x) => x.programme === 'GM_O' && x.module === 'KADRY')).toMatchObject({ decision: 'drop', reasons: ['veryLowReaction', 'noGain'] });
    expect(d.find((x) => x.programme === 'GM_K' && x.module === 'SIEC')).toMatchObject({ decision: 'none', reasons: ['withheld'] });
  });
});

describe('the pilot evaluation report', () => {
  it('renders in Polish with the decision table, each programme and the method; the same input gives the same bytes', async () => {
    const pdf = await renderPilotReport(results, { lang: 'pl', date, synthetic: true });
    expect(Buffer.compare(pdf, await renderPilotReport(results, { lang: 'pl', date, synthetic: true }))).toBe(0);
    const t = text(pdf);
    expect(t).toContain('Ewaluacja pilotażu programów');
    expect(t).toContain('DANE SYNTETYCZNE');
    expect(t).toContain('Jaka decyzja zapada dla każdego modułu każdego programu?');
    expect(t).toMatch(/Finansowanie oświaty i koszty zadań\s+2,\d\d\s+0,\d\d\s+\S+\s+poprawić/);
    expect(t).toContain('Program PW-O');
    // one spelling of the programme codes throughout, the catalogue's
    expect(t).not.toMatch(/\b(GW|GM|PW)_[KO]\b/);
    expect(t).toContain('Czy osoby, które nie ukończyły programu, zaczynały z niższego poziomu?');
    // the follow-up's choice questions in words: the question's own wording and each answer's, never the codes
    expect(t).toContain('Po trzech miesiącach: Co utrudnia stosowanie w pracy tego');
    expect(t).toMatch(/brak czasu\s+\d+/);
    expect(t).toMatch(/nic nie utrudnia\s+\d+/);
    expect(t).not.toMatch(/barriers: |plan_status: /);
    for (const r of input.register.rows) expect(t).not.toContain(r.code);
  });

  it('renders in English', async () => {
    const t = text(await renderPilotReport(results, { lang: 'en', date, synthetic: true }));
    expect(t).toContain('Pilot evaluation of the training and advisory programmes');
    expect(t).toContain('Decision rules');
    expect(t).toMatch(/Education data in local-government\s+\d\.\d\d\s+0\.\d\d/);
  });
});
