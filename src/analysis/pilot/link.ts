/**
 * Linking the pilot's records without names: the register says which diagnosis response each participant code
 * belongs to; the pilot's instruments carry the code. Every code is checked (its check character, that the
 * register knows it, that one participant has one end-of-programme response, one follow-up and one reaction per
 * module, and one programme throughout); every problem is reported at once, naming the file, row and column.
 * The codes stay inside this module's output only as map keys: nothing downstream prints them.
 */
import { checkParticipantCode } from '../../domain/participant-code.ts';
import { DiagError, type ErrorDetail } from '../../errors.ts';
import type { PilotInstrument } from '../../questionnaire/types.ts';
import type { PilotInput, SourceFile } from '../../pipeline/pilot-input.ts';

/** One participant with everything the pilot holds of them. */
export interface Participant {
  code: string;
  /** the cluster: the diagnosis' TERYT code of their JST */
  jst: string;
  staffGroup: string;
  /** the programme their pilot responses name; '' when they returned none */
  programme: string;
  diagnosis: Record<string, unknown>;
  post?: Record<string, unknown>;
  followup?: Record<string, unknown>;
  /** module code → reaction answers */
  reactions: Map<string, Record<string, unknown>>;
}

const detail = (file: string, where: string | undefined, column: string, message: string): ErrorDetail => {
  const m = /^row (\d+)$/.exec(where ?? '');
  return m ? { file, row: Number(m[1]), column, message } : { file, column: where ? `${where}.${column}` : column, message };
};

export function linkParticipants(input: PilotInput): Participant[] {
  const problems: ErrorDetail[] = [];
  const q = input.diagnosis.instrument;
  const diagnosisById = new Map(input.diagnosis.responses.map((r) => [r.id, r]));

  // the register: valid, unique codes for known, distinct diagnosis responses
  const byCode = new Map<string, Participant>();
  const rowOfCode = new Map<string, number>();
  const codeOfResponse = new Map<string, number>();
  const reg = input.register;
  for (const r of reg.rows) {
    const check = checkParticipantCode(r.code);
    if (!check.ok) { problems.push({ file: reg.file, row: r.row, column: 'participant_code', message: `"${r.code}" is not a participant code: ${check.reason}` }); continue; }
    const code = check.code;
    if (rowOfCode.has(code)) { problems.push({ file: reg.file, row: r.row, column: 'participant_code', message: `code listed twice (also on row ${rowOfCode.get(code)})` }); continue; }
    rowOfCode.set(code, r.row);
    if (codeOfResponse.has(r.respondentId)) { problems.push({ file: reg.file, row: r.row, column: 'respondent_id', message: `diagnosis response "${r.respondentId}" is given two codes (also on row ${codeOfResponse.get(r.respondentId)})` }); continue; }
    codeOfResponse.set(r.respondentId, r.row);
    const d = diagnosisById.get(r.respondentId);
    if (!d) { problems.push({ file: reg.file, row: r.row, column: 'respondent_id', message: `no response "${r.respondentId}" in ${input.diagnosis.file}` }); continue; }
    const jst = d.data[q.roles.teryt];
    const group = d.data[q.roles.staffGroup];
    byCode.set(code, { code, jst: typeof jst === 'string' ? jst : '', staffGroup: typeof group === 'string' ? group : '', programme: '', diagnosis: d.data, reactions: new Map() });
  }

  // the pilot's instruments: a known code, one programme per participant, no duplicates
  const firstSeen = new Map<string, string>();
  const visit = (src: SourceFile<PilotInstrument>, each: (p: Participant, data: Record<string, unknown>, at: (column: string, message: string) => void, where: string) => void) => {
    src.responses.forEach((resp, i) => {
      const where = src.where[i];
      const at = (column: string, message: string) => problems.push(detail(src.file, where, column, message));
      const raw = resp.data[src.instrument.participantCode];
      const check = checkParticipantCode(typeof raw === 'string' ? raw : '');
      if (!check.ok) return at(src.instrument.participantCode, `"${typeof raw === 'string' ? raw : ''}" is not a participant code: ${check.reason}`);
      const p = byCode.get(check.code);
      if (!p) return at(src.instrument.participantCode, rowOfCode.has(check.code) ? 'the register lists this code but its diagnosis response is missing' : `unknown participant code: not in the register ${reg.file}`);
      const programme = resp.data[src.instrument.programmeQuestion];
      if (typeof programme === 'string') {
        if (p.programme === '') { p.programme = programme; firstSeen.set(p.code, `${src.file} ${where ?? ''}`.trim()); }
        else if (p.programme !== programme) return at(src.instrument.programmeQuestion, `programme "${programme}" differs from "${p.programme}" given for the same participant in ${firstSeen.get(p.code)}`);
      }
      each(p, resp.data, at, where ?? `response ${i + 1}`);
    });
  };
  const postRow = new Map<string, string>();
  visit(input.post, (p, data, at, where) => {
    if (p.post) return at(input.post.instrument.participantCode, `a second end-of-programme response for one participant (the first is ${postRow.get(p.code)})`);
    p.post = data;
    postRow.set(p.code, where);
  });
  if (input.followup) {
    const fu = input.followup;
    const seen = new Map<string, string>();
    visit(fu, (p, data, at, where) => {
      if (p.followup) return at(fu.instrument.participantCode, `a second follow-up response for one participant (the first is ${seen.get(p.code)})`);
      p.followup = data;
      seen.set(p.code, where);
    });
  }
  if (input.reaction) {
    const rx = input.reaction;
    const moduleQ = rx.instrument.moduleQuestion!;
    visit(rx, (p, data, at) => {
      const module = String(data[moduleQ] ?? '');
      if (p.reactions.has(module)) return at(moduleQ, `a second reaction to module "${module}" from one participant`);
      p.reactions.set(module, data);
    });
  }
  if (problems.length) {
    throw new DiagError('INPUT_INVALID', `the pilot's records cannot be linked: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, problems.slice(0, 1000));
  }
  // participants who never answered a pilot instrument have no programme (''): drop-outs of unknown programme
  return [...byCode.values()];
}
