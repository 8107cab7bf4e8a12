/**
 * A synthetic pilot (issue 14): 30 JSTs and their 120 officials, each diagnosed with the diagnosis questionnaire,
 * given a pseudonymous participant code, trained in their programme, and answering the module reactions, the
 * end-of-programme then-test and the 3-month follow-up — with the effects of pilot-params.ts planted. One seed
 * gives the same bytes; every response is checked against its instrument before it is handed back.
 *
 * The link between a participant code and the diagnosis response it belongs to is the register (code →
 * diagnosis respondent id), which the research team keeps when it issues the codes.
 */
import { participantCode } from '../domain/participant-code.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import type { PilotInstrument, Questionnaire, StaffGroup, SurveyInstrument } from '../questionnaire/types.ts';
import { validatorFor } from '../questionnaire/validate.ts';
import { populationClass } from '../sampling/population-class.ts';
import type { FrameUnit } from '../sampling/frame.ts';
import { syntheticFrame } from '../sampling/synthetic-frame.ts';
import { Rng } from '../util/rng.ts';
import { JST_FACTS } from './params.ts';
import { CHANGE_SD, DROPOUT, FOLLOWUP, GAIN, NEED_GAP, PILOT_DATES, PILOT_DESIGN, PILOT_PROGRAMMES, pilotSegment, REACTION, RESPONSE_SHIFT, RETRO_SD } from './pilot-params.ts';
import { draftRespondent, jstProfile } from './respondent.ts';

export interface PilotInstruments {
  reaction: PilotInstrument;
  post: PilotInstrument;
  followup: PilotInstrument;
}

export interface PilotSynthOptions {
  seed: number | string;
  /** the secret the participant codes are generated with (default: derived from the seed; synthetic data only) */
  secret?: string;
}

export interface RegisterEntry {
  code: string;
  respondentId: string;
}

export interface PilotSynthResult {
  /** the 30 JSTs */
  jsts: FrameUnit[];
  diagnosis: SurveyResponse[];
  register: RegisterEntry[];
  reactions: SurveyResponse[];
  post: SurveyResponse[];
  followup: SurveyResponse[];
  /** what tests check: the participant codes of the drop-outs */
  planted: { dropouts: string[] };
}

const clamp = (x: number) => Math.min(5, Math.max(1, Math.round(x)));
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function generatePilot(q: Questionnaire, instruments: PilotInstruments, options: PilotSynthOptions): PilotSynthResult {
  const rng = new Rng(`pilot:${options.seed}`);
  const secret = options.secret ?? `synthetic pilot data, seed ${options.seed}`;
  const diagValidator = validatorFor(q);
  const frame = syntheticFrame({ seed: `frame:${options.seed}` });

  // 10 JSTs per family, drawn at random within the family
  const jsts: FrameUnit[] = [];
  for (const family of ['rural', 'urban', 'county'] as const) {
    const pool = frame.filter((u) => pilotSegment(u.kind) === family);
    for (let i = 0; i < PILOT_DESIGN.jstsPerFamily && pool.length; i++) jsts.push(pool.splice(rng.int(pool.length), 1)[0]!);
  }

  const out: PilotSynthResult = { jsts, diagnosis: [], register: [], reactions: [], post: [], followup: [], planted: { dropouts: [] } };
  let n = 0;
  for (const unit of jsts) {
    const profile = jstProfile(rng, unit, JST_FACTS[unit.kind], populationClass(unit.population ?? 0));
    const groups: StaffGroup[] = [...Array<StaffGroup>(PILOT_DESIGN.management).fill('management'), ...Array<StaffGroup>(PILOT_DESIGN.operational).fill('operational')];
    groups.forEach((group, slot) => {
      const id = `P${String(++n).padStart(4, '0')}`;
      const draft = draftRespondent(rng, q, diagValidator, profile, group);
      const at = PILOT_DATES.diagnosis + rng.int(20) * 86_400_000;
      out.diagnosis.push(checked(q, { id, data: draft.data, meta: { wave: 'pilot-diagnosis', source: 'synthetic', startedAt: iso(at), submittedAt: iso(at + 1_200_000), durationSec: 1200 } }));
      const code = participantCode(secret, `${unit.teryt}:${slot + 1}`);
      out.register.push({ code, respondentId: id });
      participant(rng, q, instruments, out, { code, programme: PILOT_PROGRAMMES[pilotSegment(unit.kind)][group], diagnosis: draft.data });
    });
  }
  return out;
}

interface Participant {
  code: string;
  programme: string;
  diagnosis: Record<string, unknown>;
}

function participant(rng: Rng, q: Questionnaire, instruments: PilotInstruments, out: PilotSynthResult, p: Participant): void {
  const levels = diagnosisLevels(q, p.diagnosis);
  const all = [...levels.values()].flatMap((a) => a.items.filter((x) => x.lvl !== undefined).map((x) => x.lvl!));
  const meanLevel = all.length ? all.reduce((a, b) => a + b, 0) / all.length : 3.3;
  const dropout = rng.chance(1 / (1 + Math.exp(-(DROPOUT.intercept + DROPOUT.slope * (meanLevel - DROPOUT.centre)))));
  if (dropout) out.planted.dropouts.push(p.code);

  // module reactions: the programme's modules in their order; a drop-out rates only the first 1–4
  const reaction = instruments.reaction;
  const base = { [reaction.participantCode]: p.code, [reaction.programmeQuestion]: p.programme };
  const modules = validatorFor(reaction).visibleOptions(reaction.moduleQuestion!, base);
  const taken = dropout ? modules.slice(0, 1 + rng.int(4)) : modules;
  const person = rng.normal(0, REACTION.personSd);
  taken.forEach((module, i) => {
    if (rng.chance(REACTION.missing)) return;
    const data: Record<string, unknown> = { ...base, [reaction.moduleQuestion!]: module };
    const shift = module === REACTION.poorModule.module ? REACTION.poorModule.shift : 0;
    for (const s of reaction.scales) data[s.question] = clamp(REACTION.mean + shift + person + rng.normal(0, REACTION.answerSd));
    const at = PILOT_DATES.modules + i * 21 * 86_400_000 + rng.int(3) * 86_400_000;
    out.reactions.push(checked(reaction, { id: `R${String(out.reactions.length + 1).padStart(5, '0')}`, data, meta: { wave: 'pilot-reactions', source: 'synthetic', submittedAt: iso(at) } }));
  });
  if (dropout) return;

  // end of programme: the items again, now and retrospectively before
  const post = instruments.post;
  const postData: Record<string, unknown> = { [post.participantCode]: p.code, [post.programmeQuestion]: p.programme };
  const postValidator = validatorFor(post);
  const nowCol = post.measures.find((m) => m.role === 'level')!.column;
  const beforeCol = post.measures.find((m) => m.role === 'retrospective')!.column;
  let changeSum = 0;
  let changeN = 0;
  for (const area of post.areas) {
    if (!postValidator.isVisible(area.question, postData)) continue;
    const d = levels.get(area.code);
    const need = d !== undefined && d.gap !== null && d.gap >= NEED_GAP;
    const gain = p.programme === GAIN.planted.programme && area.code === GAIN.planted.area ? GAIN.planted.gain : GAIN.base + (need ? GAIN.need : 0);
    const rows: Record<string, Record<string, number>> = {};
    for (const item of postValidator.visibleOptions(area.question, postData)) {
      const pre = d?.items.find((x) => x.code === item)?.lvl ?? d?.meanLevel ?? 3.3;
      const now = clamp(pre + gain + rng.normal(0, CHANGE_SD));
      rows[item] = { [nowCol]: now, [beforeCol]: clamp(pre + RESPONSE_SHIFT + rng.normal(0, RETRO_SD)) };
      changeSum += now - pre;
      changeN++;
    }
    postData[area.question] = rows;
  }
  out.post.push(checked(post, { id: `E${String(out.post.length + 1).padStart(4, '0')}`, data: postData, meta: { wave: 'pilot-post', source: 'synthetic', submittedAt: iso(PILOT_DATES.post + rng.int(14) * 86_400_000) } }));

  // 3-month follow-up
  if (!rng.chance(FOLLOWUP.response)) return;
  const fu = instruments.followup;
  const fuData: Record<string, unknown> = { [fu.participantCode]: p.code, [fu.programmeQuestion]: p.programme };
  const lift = changeN ? changeSum / changeN : 0;
  for (const s of fu.scales) fuData[s.question] = clamp(FOLLOWUP.applied + 0.5 * lift + rng.normal(0, FOLLOWUP.sd));
  for (const name of fu.tabulate) {
    const question = fu.questions.find((x) => x.name === name)!;
    if (question.type === 'checkbox') {
      const chosen = (question.choices ?? []).map((c) => c.value).filter((c) => rng.chance(FOLLOWUP.barriers[c] ?? 0.1));
      fuData[name] = chosen.length ? chosen : question.noneValue ? [question.noneValue] : [(question.choices ?? [])[0]!.value];
    } else {
      const choices = (question.choices ?? []).map((c) => c.value);
      fuData[name] = choices[rng.weightedIndex(choices.map((c) => FOLLOWUP.planStatus[c] ?? 0.1))];
    }
  }
  out.followup.push(checked(fu, { id: `F${String(out.followup.length + 1).padStart(4, '0')}`, data: fuData, meta: { wave: 'pilot-followup', source: 'synthetic', submittedAt: iso(PILOT_DATES.followup + rng.int(14) * 86_400_000) } }));
}

interface AreaLevels {
  items: { code: string; lvl?: number }[];
  meanLevel: number | null;
  /** mean importance − mean level of the area, or null without both */
  gap: number | null;
}

/** The official's diagnosis ratings per area: each item's level, the area's mean level and gap. */
function diagnosisLevels(q: Questionnaire, data: Record<string, unknown>): Map<string, AreaLevels> {
  const imp = q.measures.find((m) => m.role === 'importance')!.column;
  const lvl = q.measures.find((m) => m.role === 'level')!.column;
  const out = new Map<string, AreaLevels>();
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  for (const area of q.areas) {
    const rows = data[area.question] as Record<string, Record<string, number>> | undefined;
    if (!rows) continue;
    const items = area.items.filter((i) => rows[i.code]).map((i) => ({ code: i.code, ...(rows[i.code]![lvl] !== undefined ? { lvl: rows[i.code]![lvl]! } : {}) }));
    const ls = items.flatMap((i) => (i.lvl === undefined ? [] : [i.lvl]));
    const is = area.items.flatMap((i) => (rows[i.code]?.[imp] === undefined ? [] : [rows[i.code]![imp]!]));
    const ml = mean(ls);
    const mi = mean(is);
    out.set(area.code, { items, meanLevel: ml, gap: ml !== null && mi !== null ? mi - ml : null });
  }
  return out;
}

/** A generated response, checked: the synthetic data never hold what the instrument would refuse. */
function checked(instrument: SurveyInstrument, response: SurveyResponse): SurveyResponse {
  const r = validatorFor(instrument).validate(response);
  if (!r.ok) throw new Error(`synthetic pilot: response ${response.id} is invalid for ${instrument.file}: ${JSON.stringify(r.issues.slice(0, 3))}`);
  return response;
}
