/**
 * The pilot evaluation (issue 14): the linked participants' competence change from the diagnosis to the end of the
 * programme, per programme × area (and item) × staff group; the response shift (retrospective pre vs the diagnosis'
 * pre) and the then-test change (now vs retrospective pre); change where the diagnosis found the official's need vs
 * elsewhere; attrition (baseline of completers vs drop-outs); module reactions and the follow-up. Every table is
 * protected against small cells (suppress.ts) before it is returned.
 *
 * Scores. An official's area score in a comparison is the mean of the area's items rated in both of the compared
 * waves (so both sides average the same items); item cells pair the item itself. Baseline for attrition: the mean of
 * every level item the official rated in the diagnosis.
 */
import type { Localized, PilotInstrument, Questionnaire } from '../../questionnaire/types.ts';
import { instrumentRef } from '../../questionnaire/types.ts';
import { CELL_FREE, CELL_PUBLISHED, protectCells } from '../../stats/cell-suppression.ts';
import { welchT } from '../../stats/welch-t.ts';
import type { PilotInput } from '../../pipeline/pilot-input.ts';
import { linkParticipants, type Participant } from './link.ts';
import { pairedStats, type Pair } from './paired.ts';
import { protectLines, protectTable, type Protection } from './suppress.ts';
import {
  NO_RESPONSE, type FollowupCell, type NeedCell, type PairedCell, type PilotConfig, type PilotResults, type ReactionCell, type ScaleSummary, type Withheld,
} from './types.ts';

const WITHHELD: Withheld = { withheld: true };
type Rows = Record<string, Record<string, unknown>>;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const meanOf = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const sdOf = (xs: readonly number[]) => {
  if (xs.length < 2) return null;
  const m = meanOf(xs)!;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) * (x - m), 0) / (xs.length - 1));
};

export interface PilotAnalysisOptions {
  config: PilotConfig;
  inputs: { file: string; sha256: string }[];
  date: Date;
}

export function analyzePilot(input: PilotInput, options: PilotAnalysisOptions): PilotResults {
  const { config } = options;
  const participants = linkParticipants(input);
  const q = input.diagnosis.instrument;
  const post = input.post.instrument;
  const programmes = post.programmes.map((p) => p.code);
  const groups = q.staffGroups;
  const lvl = q.measures.find((m) => m.role === 'level')!.column;
  const imp = q.measures.find((m) => m.role === 'importance')!.column;
  const now = post.measures.find((m) => m.role === 'level')!.column;
  const before = post.measures.find((m) => m.role === 'retrospective')!.column;
  const areaQuestion = new Map(q.areas.map((a) => [a.code, a.question]));
  const tally: PilotResults['withheld'] = [];
  const note = (table: string, p: Protection) => tally.push({ table, primary: p.primary, complementary: p.complementary, published: p.published });

  /** One paired comparison for every programme × staff group (each and all) × area [× item], protected. */
  const pairedTable = (table: string, pick: (p: Participant, area: string) => { a: number; b: number; item: string }[], perItem: boolean): PairedCell[] => {
    const cells: { programme: string; staffGroup: string; area: string; item?: string; pairs: Pair[] }[] = [];
    const lines: number[][] = [];
    for (const programme of programmes) {
      const members = participants.filter((p) => p.programme === programme && p.post);
      for (const area of post.areas) {
        const keys = perItem ? area.items.map((i) => i.code) : [undefined];
        for (const item of keys) {
          const line: number[] = [];
          for (const group of [...groups, 'all']) {
            const pairs: Pair[] = [];
            for (const p of members) {
              if (group !== 'all' && p.staffGroup !== group) continue;
              const values = pick(p, area.code).filter((v) => item === undefined || v.item === item);
              if (!values.length) continue;
              pairs.push({ before: meanOf(values.map((v) => v.b))!, after: meanOf(values.map((v) => v.a))!, cluster: p.jst });
            }
            line.push(cells.length);
            cells.push({ programme, staffGroup: group, area: area.code, ...(item ? { item } : {}), pairs });
          }
          lines.push(line);
        }
      }
    }
    const protection = protectLines(cells.map((c) => c.pairs.length), lines, config.minN);
    note(table, protection);
    // cells with no pairs (an area or item the programme does not train, a group it does not have) are left out
    return cells.flatMap((c, i) => (c.pairs.length > 0 || protection.hidden[i]
      ? [{ programme: c.programme, staffGroup: c.staffGroup, area: c.area, ...(c.item ? { item: c.item } : {}), stats: protection.hidden[i] ? WITHHELD : pairedStats(c.pairs, config.level) }]
      : []));
  };

  /** Items of an area with values in the two named places: [diagnosis level | post now | post before]. */
  const values = (p: Participant, area: string, a: 'now' | 'before', b: 'diag' | 'before') => {
    const diagRows = (p.diagnosis[areaQuestion.get(area) ?? ''] ?? {}) as Rows;
    const postArea = post.areas.find((x) => x.code === area)!;
    const postRows = (p.post?.[postArea.question] ?? {}) as Rows;
    const out: { a: number; b: number; item: string }[] = [];
    for (const item of postArea.items) {
      const av = num(postRows[item.code]?.[a === 'now' ? now : before]);
      const bv = b === 'diag' ? num(diagRows[item.code]?.[lvl]) : num(postRows[item.code]?.[before]);
      if (av !== undefined && bv !== undefined) out.push({ a: av, b: bv, item: item.code });
    }
    return out;
  };

  const change = pairedTable('change', (p, area) => values(p, area, 'now', 'diag'), false);
  const changeItems = pairedTable('changeItems', (p, area) => values(p, area, 'now', 'diag'), true);
  // response shift: the retrospective "before" (after) against the diagnosis' level (before)
  const responseShift = pairedTable('responseShift', (p, area) => values(p, area, 'before', 'diag'), false);
  const thenTest = pairedTable('thenTest', (p, area) => values(p, area, 'now', 'before'), false);

  return {
    kind: 'pilot-evaluation',
    generatedAt: options.date.toISOString(),
    synthetic: [input.diagnosis, input.post, input.reaction, input.followup].every((src) => !src || src.responses.every((x) => x.meta.source === 'synthetic')),
    config,
    instruments: {
      diagnosis: instrumentRef(q),
      ...(input.reaction ? { reaction: instrumentRef(input.reaction.instrument) } : {}),
      post: instrumentRef(post),
      ...(input.followup ? { followup: instrumentRef(input.followup.instrument) } : {}),
    },
    inputs: options.inputs,
    labels: labels(q, post, input.reaction?.instrument, input.followup?.instrument),
    method: METHOD(config),
    change,
    changeItems,
    responseShift,
    thenTest,
    needVsElsewhere: needTable(participants, programmes, post, q, { lvl, imp }, (p, area) => values(p, area, 'now', 'diag'), config, note),
    ...attritionTables(participants, programmes, lvl, q, config, note),
    reactions: input.reaction ? reactionTable(participants, programmes, input.reaction.instrument, config.minN, note) : [],
    followup: input.followup ? followupTable(participants, programmes, input.followup.instrument, config.minN, note) : [],
    withheld: tally,
  };
}

const METHOD = (c: PilotConfig): Record<string, string> => ({
  linking: 'records linked by participant code: register (code → diagnosis response) and the code carried by every pilot instrument; codes are never output',
  areaScore: "an official's area score is the mean of the area's items rated in both compared waves",
  change: 'post (level now) − diagnosis level; paired t (scipy.stats.ttest_rel), Cohen d_z = mean/SD of the changes, Wilcoxon signed-rank (scipy defaults: zero_method wilcox, no continuity correction, exact for small n) with the matched-pairs rank-biserial r = (W+ − W−)/(W+ + W−)',
  clusteredSE: 'CR standard error of the mean change, clusters = JSTs: SE = sqrt(G/(G−1) · Σ_g e_g²)/n, e_g = Σ_{i in JST g}(d_i − mean d); CI = mean ± t(G−2) · SE (R survey svyttest)',
  responseShift: 'retrospective pre (the then-test\'s "before", rated at the end) − diagnosis level; negative = officials now judge their starting level lower than they did in the diagnosis',
  thenTest: 'post (level now) − retrospective pre, both rated at the end of the programme',
  need: `an area is an official's need when their own diagnosis gap (area mean importance − area mean level) is at least ${c.needGap}; pairs are official × area`,
  attrition: "baseline = mean of every level item the official rated in the diagnosis; completers have an end-of-programme response, drop-outs none; Welch's t",
  suppression: `no cell describes fewer than ${c.minN} participants: such cells and the cells that would reveal them by subtraction (all staff = management + operational; all programmes = the programmes; all = completers + drop-outs) are withheld whole`,
});

function labels(q: Questionnaire, post: PilotInstrument, reaction?: PilotInstrument, followup?: PilotInstrument): PilotResults['labels'] {
  const scales = [...(reaction?.scales ?? []), ...(followup?.scales ?? [])];
  return {
    programmes: Object.fromEntries(post.programmes.map((p) => [p.code, p.label])),
    staffGroups: { ...q.staffGroupLabels, all: { pl: 'wszyscy', en: 'all' } },
    areas: Object.fromEntries(post.areas.map((a) => [a.code, a.label])),
    modules: Object.fromEntries((reaction?.modules ?? []).map((m) => [m.code, m.label])),
    scales: Object.fromEntries(scales.map((s) => [s.code, s.label])),
    choices: Object.fromEntries((followup?.tabulate ?? []).map((name) => {
      const question = followup!.questions.find((x) => x.name === name)!;
      const values: Record<string, Localized> = Object.fromEntries((question.choices ?? []).map((c) => [c.value, c.label]));
      if (question.noneValue && !(question.noneValue in values)) values[question.noneValue] = question.noneLabel ?? NONE_LABEL;
      return [name, { title: question.title, values }];
    })),
  };
}

/** What a checkbox's exclusive "none" answer is called when the questionnaire gives it no words of its own. */
const NONE_LABEL: Localized = { pl: 'żadne z powyższych', en: 'none of these' };

type Note = (table: string, p: Protection) => void;

const programmeOf = (p: Participant) => (p.programme === '' ? NO_RESPONSE : p.programme);

function needTable(ps: Participant[], programmes: string[], post: PilotInstrument, q: Questionnaire, cols: { lvl: string; imp: string }, pick: (p: Participant, area: string) => { a: number; b: number }[], config: PilotConfig, note: Note): NeedCell[] {
  const keys = [...programmes, 'all'];
  const cells: { programme: string; need: boolean; pairs: Pair[]; who: Set<string> }[] = [];
  const lines: number[][] = [[], []];
  for (const programme of keys) {
    for (const need of [true, false]) {
      const cell = { programme, need, pairs: [] as Pair[], who: new Set<string>() };
      for (const p of ps) {
        if (!p.post || (programme !== 'all' && p.programme !== programme)) continue;
        for (const area of post.areas) {
          const gap = ownGap(p, q, area.code, cols);
          if (gap === null || gap >= config.needGap !== need) continue;
          const v = pick(p, area.code);
          if (!v.length) continue;
          cell.pairs.push({ before: meanOf(v.map((x) => x.b))!, after: meanOf(v.map((x) => x.a))!, cluster: p.jst });
          cell.who.add(p.code);
        }
      }
      lines[need ? 0 : 1]!.push(cells.length);
      cells.push(cell);
    }
  }
  // distinct participants add up over programmes (each official is in one programme)
  const protection = protectLines(cells.map((c) => c.who.size), lines, config.minN);
  note('needVsElsewhere', protection);
  return cells.map((c, i) => ({ programme: c.programme, need: c.need, participants: protection.hidden[i] ? null : c.who.size, stats: protection.hidden[i] ? WITHHELD : pairedStats(c.pairs, config.level) }));
}

/** An official's own diagnosis gap in an area: mean importance − mean level over its items, or null. */
function ownGap(p: Participant, q: Questionnaire, area: string, cols: { lvl: string; imp: string }): number | null {
  const a = q.areas.find((x) => x.code === area);
  const rows = (a ? p.diagnosis[a.question] ?? {} : {}) as Rows;
  const li: number[] = [];
  const ii: number[] = [];
  for (const item of a?.items ?? []) {
    const l = num(rows[item.code]?.[cols.lvl]);
    const m = num(rows[item.code]?.[cols.imp]);
    if (l !== undefined) li.push(l);
    if (m !== undefined) ii.push(m);
  }
  const ml = meanOf(li);
  const mi = meanOf(ii);
  return ml === null || mi === null ? null : mi - ml;
}

/**
 * Attrition and the participant counts, protected as one table: per programme (and the officials who returned
 * nothing, and all) the completers, the drop-outs and all linked officials. The completers' count of a programme is
 * published by the change tables anyway (their n), so it is marked published: a small drop-out count is then
 * protected by withholding the programme's total with it, never by hiding the completers.
 */
function attritionTables(ps: Participant[], programmes: string[], lvl: string, q: Questionnaire, config: PilotConfig, note: Note): Pick<PilotResults, 'attrition' | 'participants'> {
  const baseline = (p: Participant) => {
    const xs: number[] = [];
    for (const a of q.areas) for (const row of Object.values((p.diagnosis[a.question] ?? {}) as Rows)) { const v = num(row?.[lvl]); if (v !== undefined) xs.push(v); }
    return meanOf(xs);
  };
  const keys = [...programmes, NO_RESPONSE, 'all'];
  const groups = keys.map((k) => ps.filter((p) => k === 'all' || programmeOf(p) === k));
  const counts: number[] = [];
  const values: number[][] = [];
  for (const g of groups) {
    const comp = g.filter((p) => p.post).map(baseline).filter((x): x is number => x !== null);
    const drop = g.filter((p) => !p.post).map(baseline).filter((x): x is number => x !== null);
    counts.push(comp.length, drop.length, g.length);
    values.push(comp, drop, []);
  }
  const status = counts.map((_, i) => (i % 3 === 0 ? CELL_PUBLISHED : CELL_FREE));
  const protection = protectTable(counts, [{ shape: [keys.length, 3], total: [true, true], cells: counts.map((_, i) => i) }], config.minN, status);
  note('attrition', protection);
  const attrition = keys.map((programme, i) => {
    const side = (j: number) => (protection.hidden[3 * i + j] ? WITHHELD : { n: counts[3 * i + j]!, meanBaseline: meanOf(values[3 * i + j]!), sd: sdOf(values[3 * i + j]!) });
    const both = !protection.hidden[3 * i] && !protection.hidden[3 * i + 1];
    const w = both ? welchT(values[3 * i]!, values[3 * i + 1]!, config.level) : null;
    return { programme, completers: side(0), dropouts: side(1), difference: w && w.difference !== null ? { value: w.difference, ciLow: w.ciLow, ciHigh: w.ciHigh, p: w.p, hedgesG: w.hedgesG } : null };
  });
  const participants = keys.map((programme, i) => ({
    programme,
    result: protection.hidden[3 * i + 2] ? WITHHELD : { linked: counts[3 * i + 2]!, jsts: new Set(groups[i]!.map((p) => p.jst)).size },
  }));
  return { attrition, participants };
}

function summarise(rows: Record<string, unknown>[], scales: PilotInstrument['scales']): ScaleSummary[] {
  return scales.map((s) => {
    const xs = rows.map((r) => num(r[s.question])).filter((x): x is number => x !== undefined);
    return { scale: s.code, n: xs.length, mean: meanOf(xs), sd: sdOf(xs), distribution: s.values.map((value) => ({ value, count: xs.filter((x) => x === value).length })) };
  });
}

function reactionTable(ps: Participant[], programmes: string[], rx: PilotInstrument, minN: number, note: Note): ReactionCell[] {
  const keys = [...programmes, 'all'];
  const cells: { programme: string; module: string; rows: Record<string, unknown>[] }[] = [];
  const lines: number[][] = [];
  for (const m of rx.modules) {
    const line: number[] = [];
    for (const programme of keys) {
      line.push(cells.length);
      cells.push({ programme, module: m.code, rows: ps.filter((p) => programme === 'all' || p.programme === programme).flatMap((p) => (p.reactions.has(m.code) ? [p.reactions.get(m.code)!] : [])) });
    }
    lines.push(line);
  }
  const protection = protectLines(cells.map((c) => c.rows.length), lines, minN);
  note('reactions', protection);
  return cells
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => c.rows.length > 0 || protection.hidden[i])
    .map(({ c, i }) => ({ programme: c.programme, module: c.module, result: protection.hidden[i] ? WITHHELD : { n: c.rows.length, scales: summarise(c.rows, rx.scales) } }));
}

/**
 * The follow-up per programme. Its n is protected together with the follow-up's non-response among the completers
 * (whose count the change tables publish): per programme [answered, did not answer, completers], completers marked
 * published, so a programme where one to four completers did not answer has its follow-up withheld (with a
 * complement), rather than letting n reveal them by subtraction.
 */
function followupTable(ps: Participant[], programmes: string[], fu: PilotInstrument, minN: number, note: Note): FollowupCell[] {
  const keys = [...programmes, 'all'];
  const rows = keys.map((k) => ps.filter((p) => p.followup && (k === 'all' || p.programme === k)).map((p) => p.followup!));
  const completers = keys.map((k) => ps.filter((p) => p.post && (k === 'all' || p.programme === k)).length);
  const counts = keys.flatMap((_, i) => [rows[i]!.length, completers[i]! - rows[i]!.length, completers[i]!]);
  const status = counts.map((_, j) => (j % 3 === 2 ? CELL_PUBLISHED : CELL_FREE));
  const table = protectTable(counts, [{ shape: [keys.length, 3], total: [true, true], cells: counts.map((_, j) => j) }], minN, status);
  const protection = { ...table, hidden: Uint8Array.from(keys, (_, i) => table.hidden[3 * i]!) };
  note('followup', table);
  return keys.map((programme, i) => {
    if (protection.hidden[i]) return { programme, result: WITHHELD };
    const rs = rows[i]!;
    const choices: { question: string; choice: string; count: number | null; share: number | null }[] = [];
    for (const name of fu.tabulate) {
      const question = fu.questions.find((x) => x.name === name)!;
      const answered = rs.filter((r) => r[name] !== undefined);
      const options = [...(question.choices ?? []).map((x) => x.value), ...(question.noneValue ? [question.noneValue] : [])];
      const counts = options.map((c) => answered.filter((r) => (Array.isArray(r[name]) ? (r[name] as unknown[]).includes(c) : r[name] === c)).length);
      const hidden = protectChoiceCounts(counts, answered.length, question.type !== 'checkbox', minN);
      options.forEach((c, j) => choices.push({ question: name, choice: c, count: hidden[j] ? null : counts[j]!, share: hidden[j] || !answered.length ? null : counts[j]! / answered.length }));
    }
    return { programme, result: { n: rs.length, scales: summarise(rs, fu.scales), choices } };
  });
}

/**
 * The answer counts of one choice question in a published cell: a count of 1 … minN − 1 is withheld; for a
 * single-choice question the counts add up to the published n, so a second count is withheld with it (the
 * engine's complement); a checkbox's choices are separate yes/no counts with no published sum.
 */
function protectChoiceCounts(counts: number[], n: number, single: boolean, minN: number): Uint8Array {
  if (!single) return Uint8Array.from(counts, (c) => (c > 0 && c < minN ? 1 : 0));
  const all = [...counts, n];
  const status = [...counts.map(() => CELL_FREE), CELL_PUBLISHED];
  return protectCells({ count: all, status, grids: [{ shape: [all.length], total: [true], cells: all.map((_, i) => i) }] }, minN).hidden;
}
