/**
 * The row check: each row cut (cut-row.ts), then its single-column answers read or remembered and validated
 * once per visibility plan, the programme rule on its JST, its ratings and checkbox choices checked against
 * the plan, and the row written into the dataset; a row the check is not sure of is read the reference way
 * (`fromRecord` now, `validateResponse` and `DatasetBuilder.fill` at the end), which also names its problems.
 */
import { DiagError, type ErrorDetail } from '../../errors.ts';
import { fromRecord, readNumberText } from '../../questionnaire/record.ts';
import { describeIssue, type SurveyResponse } from '../../questionnaire/response.ts';
import type { Questionnaire } from '../../questionnaire/types.ts';
import { validateResponse, validatorFor } from '../../questionnaire/validate.ts';
import { datasetBuilder, fillFingerprints } from '../dataset.ts';
import { AnswerCache } from './answer-cache.ts';
import { ABSENT, answer, answerFor, type Answer } from './answers.ts';
import { truncate, writeChoice, writeRatings } from './columns.ts';
import { cellText, type CsvRows } from './csv-scan.ts';
import { rowCutter } from './cut-row.ts';
import type { FastRead } from './index.ts';
import { headerLayout } from './layout.ts';
import { visibilityPlans, type Plan } from './plans.ts';
import { countSources, validationError } from './reference.ts';

interface Fallback {
  row: number;
  line: number;
  response: SurveyResponse;
}

// The cell flag and the staged rating codes as csv-scan.ts and cut-row.ts have them, repeated here: the row
// loop reads them millions of times, and an imported binding is not a constant to the compiler.
const ESCAPED = 2;
/** a blank staged rating */
const BLANK = 255;
/** Plan number of a row read the reference way. */
const REFERENCE = 0xffff;
/** Rows staged at a time: ratings and checkbox choices are written into the columns a block of rows at a time. */
const BLOCK = 8192;

/** The reader of the data rows of `rows` (at most `capacity`) for the header `names`: `fast`, `reference`, `finish`. */
export function rowReader(q: Questionnaire, names: string[], rows: CsvRows, capacity: number, file: string) {
  const validator = validatorFor(q);
  const builder = datasetBuilder(q, capacity);
  const d = builder.dataset;
  const buf = rows.buf;
  const len = buf.length;
  const layout = headerLayout(q, names, builder, validator);
  const { modelled, ncols, idCol, durationCol, sourceCol, scalars, checkboxes, matrices, slotTarget, conditions, terytSi, kindSi, groupSi, voivSi, nScalars, nSlots, nBoxes, slotMatrixArr, allowed, boxColumns, itemColumns } = layout;
  const roles = q.roles;
  const { plans, planFor, planByIds } = visibilityPlans(layout, validator, d);

  // Ratings and checkbox choices staged row by row for a block of rows (from row `staged0`), written into the
  // dataset's columns column by column when the block is full (writing a hundred columns row by row is
  // several times slower), so that the staging takes a few MB whatever the number of rows.
  const ratings = new Uint8Array(BLOCK * nSlots).fill(BLANK);
  const boxes = new Int32Array(BLOCK * nBoxes);
  let staged0 = 0;
  const planOfRow = new Uint16Array(capacity).fill(REFERENCE);
  const sourceOfRow: string[] = new Array<string>(capacity);
  const fallbacks: Fallback[] = [];
  const readProblems: ErrorDetail[] = [];
  const programmeVerdicts = new Map<number, boolean>();
  const answers: Answer[] = scalars.map((s) => s.blank);
  const sourceCache = new AnswerCache();
  const mxCount = new Int32Array(matrices.length);
  const mxMissing = new Int32Array(matrices.length);
  let n = 0;
  let overflow = false;
  const cutter = rowCutter(rows, layout, ratings);
  /** the number of each staged rating code (0–250; a blank NaN), for columns of doubles */
  const ratingValue = new Float64Array(256).fill(NaN);
  for (let v = 0; v <= 250; v++) ratingValue[v] = v;
  const { cellStart, cellEnd, cellFlags, cbMask, cbAnswered, view } = cutter;

  /** Reads a row the reference way from `rows`' current cells: `fromRecord` now (its problems in row order), validation and filling at the end. */
  function reference(line: number): void {
    // (rowsAfterFirst bounds the rows; should it not, the whole file goes the reference way)
    if (n >= capacity) {
      overflow = true;
      return;
    }
    if (n - staged0 === BLOCK) writeBlock();
    const row = n++;
    const cells: Record<string, string> = {};
    for (let j = 0; j < ncols; j++) cells[names[j]!] = rows.text(j);
    const { response, problems } = fromRecord(q, cells, { file, row: line });
    for (const p of problems) readProblems.push(p);
    fallbacks.push({ row, line, response });
    sourceOfRow[row] = response.meta.source ?? 'unknown';
  }

  /** Gives a row the fast check is not sure of to the reference way. */
  function giveUp(row: number, start: number, line: number): number {
    const at = row - staged0;
    ratings.fill(BLANK, at * nSlots, (at + 1) * nSlots);
    boxes.fill(0, at * nBoxes, (at + 1) * nBoxes);
    n = row;
    rows.pos = start;
    rows.next();
    reference(line);
    return rows.pos;
  }

  /**
   * Reads and checks the row at byte `p0` in one pass: the row's end, -1 when the row is not a plain
   * data row (blank, of another width, without respondent id: cut into cells and handled by the caller),
   * -2 when the CSV is malformed.
   */
  function fast(p0: number, line: number): number {
    if (p0 >= len || n >= capacity) return -1;
    if (n - staged0 === BLOCK) writeBlock();
    const r = n;
    const base = (r - staged0) * nSlots;
    const p = cutter.cut(p0, base);
    if (p < 0) return p;
    n++;
    if (!modelled || cutter.unusual()) return giveUp(r, p0, line);

    // Single-column answers: read (or remembered), then validated once per plan.
    for (let si = 0; si < nScalars; si++) {
      const scalar = scalars[si]!;
      const j = scalar.col;
      let a = scalar.blank;
      if (j >= 0) {
        const s = cellStart[j]!;
        const e = cellEnd[j]!;
        if (e > s) {
          const f = cellFlags[j]!;
          if (f & ESCAPED) a = answerFor(scalar.spec, scalar.plan, cellText(buf, s, e, f));
          else {
            const found = scalar.cache.find(buf, view, s, e);
            if (found) a = found;
            else {
              a = answerFor(scalar.spec, scalar.plan, cellText(buf, s, e, f));
              scalar.cache.add(buf, s, e, a);
            }
          }
        }
      }
      if (!a.readable) return giveUp(r, p0, line);
      answers[si] = a;
    }
    let plan: Plan | null | undefined;
    if (conditions.length <= 3) {
      let key = 0;
      for (const si of conditions) {
        const id = answers[si]!.id;
        if (id < 0) { key = -1; break; }
        key = key * 65536 + id;
      }
      if (key >= 0) {
        plan = planByIds.get(key);
        if (!plan) {
          plan = planFor(conditions.map((si) => answers[si]!.value));
          if (plan) planByIds.set(key, plan);
        }
      }
    }
    if (plan === undefined) plan = planFor(conditions.map((si) => answers[si]!.value));
    if (!plan) return giveUp(r, p0, line);
    const views = plan.views;
    for (let si = 0; si < nScalars; si++) {
      const a = answers[si]!;
      const view = views[si]!;
      let v = a.verdicts[view];
      if (v === undefined) {
        const data = { ...plan.data };
        const name = scalars[si]!.spec.name;
        if (a.value === undefined) delete data[name];
        else data[name] = a.value;
        v = validator.checkQuestion(name, data).length === 0 ? 1 : 2;
        if (a.id !== -1) a.verdicts[view] = v;
      }
      if (v !== 1) return giveUp(r, p0, line);
    }
    // The programme rule on the TERYT code, JST kind and voivodeship (remembered with the code: a valid
    // code comes with one kind and voivodeship).
    {
      const ta = terytSi < 0 ? ABSENT : answers[terytSi]!;
      const k = kindSi < 0 ? 0 : answers[kindSi]!.id;
      const v = voivSi < 0 ? 0 : answers[voivSi]!.id;
      const key = ta.id >= 0 && k >= 0 && v >= 0 ? (ta.id * 65536 + k) * 65536 + v : -1;
      let ok = key >= 0 && key === ta.programmeKey ? ta.programmeOk : key >= 0 ? programmeVerdicts.get(key) : undefined;
      if (ok === undefined) {
        const data: Record<string, unknown> = {};
        for (const [name, si] of [[roles.teryt, terytSi], [roles.jstKind, kindSi], [roles.voivodeship, voivSi]] as const) {
          const value = si < 0 ? undefined : answers[si]!.value;
          if (value !== undefined) data[name] = value;
        }
        ok = validator.checkProgramme(data).length === 0;
        if (key >= 0) programmeVerdicts.set(key, ok);
      }
      if (key >= 0 && ta !== ABSENT) {
        ta.programmeKey = key;
        ta.programmeOk = ok;
      }
      if (!ok) return giveUp(r, p0, line);
    }
    let duration = NaN;
    if (durationCol >= 0) {
      const s = cellStart[durationCol]!;
      const e = cellEnd[durationCol]!;
      if (e > s) {
        // 1 to 15 digits: the number Number reads from them
        let v = e - s <= 15 ? 0 : -1;
        for (let x = s; x < e && v >= 0; x++) {
          const c = buf[x]! - 48;
          v = c >= 0 && c <= 9 ? v * 10 + c : -1;
        }
        if (v >= 0) duration = v;
        else {
          const x = readNumberText(cellText(buf, s, e, cellFlags[durationCol]!).trim(), false);
          if (x !== undefined) {
            if (x !== x) return giveUp(r, p0, line);
            duration = x;
          }
        }
      }
    }
    let source = 'unknown';
    if (sourceCol >= 0 && cellEnd[sourceCol]! > cellStart[sourceCol]!) {
      const s = cellStart[sourceCol]!;
      const e = cellEnd[sourceCol]!;
      const f = cellFlags[sourceCol]!;
      let a = f & ESCAPED ? undefined : sourceCache.find(buf, view, s, e);
      if (!a) {
        const t = cellText(buf, s, e, f).trim();
        a = answer(t === '' ? 'unknown' : t, NaN);
        if (!(f & ESCAPED)) sourceCache.add(buf, s, e, a);
      }
      source = a.value as string;
    }

    // Ratings: shown items only, values of the scale, required ones present once the matrix is answered.
    if (cutter.fullCheck() || plan.counts) {
      const slotState = plan.slotState;
      const plainOk = plan.plainRatingOk;
      if (plan.counts) {
        mxCount.fill(0);
        mxMissing.fill(0);
      }
      for (let slot = 0, x = base; slot < nSlots; slot++, x++) {
        const code = ratings[x]!;
        if (code === BLANK) {
          if (plan.counts && slotState[slot] === 2) mxMissing[slotMatrixArr[slot]!]!++;
          continue;
        }
        if (code < 16 ? plainOk[slot * 16 + code] === 0 : slotState[slot] === 0 || allowed[slot * 256 + code] === 0) return giveUp(r, p0, line);
        if (plan.counts) mxCount[slotMatrixArr[slot]!]!++;
      }
      if (plan.counts) {
        for (let mi = 0; mi < matrices.length; mi++) {
          // A required rating is only asked for once the matrix holds an answer (validate's checkMatrix).
          if (mxCount[mi] === 0 ? plan.mustAnswer[mi] === 1 : mxMissing[mi]! > 0) return giveUp(r, p0, line);
        }
      }
    } else {
      // every rating is a digit its cell allows: only the items not shown must be blank
      const hidden = plan.hiddenSlots;
      for (let i = 0; i < hidden.length; i++) if (ratings[base + hidden[i]!] !== BLANK) return giveUp(r, p0, line);
    }

    // Checkboxes: the chosen ones a bit mask checked against the plan.
    for (let ci = 0; ci < nBoxes; ci++) {
      const mask = cbMask[ci]!;
      if (mask === 0) {
        if (cbAnswered[ci] || !plan.checkboxBlankOk[ci]) return giveUp(r, p0, line);
        continue;
      }
      const c = checkboxes[ci]!;
      if (c.validated) {
        const verdicts = plan.checkboxVerdicts[ci]!;
        let ok = verdicts.get(mask);
        if (ok === undefined) {
          const data = { ...plan.data, [c.spec.name]: c.all.filter((_, b) => mask & (1 << b)) };
          ok = validator.checkQuestion(c.spec.name, data).length === 0;
          verdicts.set(mask, ok);
        }
        if (!ok) return giveUp(r, p0, line);
      } else {
        // validate's checkbox rules: shown choices only (the question shown), "none" alone, the number of choices
        if ((mask & ~plan.checkboxAllowed[ci]!) !== 0 || (mask & c.none && mask !== c.none)) return giveUp(r, p0, line);
        if (c.counted) {
          let x = mask - ((mask >>> 1) & 0x55555555);
          x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
          const count = Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
          if (count > c.max || count < c.min) return giveUp(r, p0, line);
        }
      }
      boxes[(r - staged0) * nBoxes + ci] = mask;
    }

    // The row is valid.
    for (let si = 0; si < nScalars; si++) {
      const target = scalars[si]!.target;
      if (target) {
        const code = answers[si]!.code;
        target[r] = code === code || target instanceof Float64Array ? code : BLANK;
      }
    }
    d.ids[r] = cellText(buf, cellStart[idCol]!, cellEnd[idCol]!, cellFlags[idCol]!).trim();
    d.jst[r] = (terytSi < 0 ? ABSENT : answers[terytSi]!).text;
    d.kind[r] = (kindSi < 0 ? ABSENT : answers[kindSi]!).kind;
    d.group[r] = (groupSi < 0 ? ABSENT : answers[groupSi]!).group;
    d.voivodeship[r] = (voivSi < 0 ? ABSENT : answers[voivSi]!).text;
    d.duration[r] = duration;
    d.itemsShown[r] = plan.itemsShown;
    planOfRow[r] = plan.id;
    sourceOfRow[r] = source;
    return p;
  }

  /**
   * Writes the staged rows (from `staged0` to `n`: ratings, checkbox answers and shown items) into the
   * dataset's columns, a column at a time, and clears the staging for the next block. Rows read the
   * reference way have blank ratings and no checkbox mask here (giveUp clears them) and are filled at the end.
   */
  function writeBlock(): void {
    const r0 = staged0;
    const rows = n - r0;
    writeRatings(ratings, nSlots, slotTarget, ratingValue, r0, rows);
    // plan number per row, those read the reference way last
    const nPlans = plans.length;
    const planIndex = new Uint16Array(rows);
    for (let k = 0; k < rows; k++) planIndex[k] = planOfRow[r0 + k] === REFERENCE ? nPlans : planOfRow[r0 + k]!;
    const masks = new Int32Array(rows);
    boxColumns.forEach((list, ci) => {
      for (let k = 0, x = ci; k < rows; k++, x += nBoxes) masks[k] = boxes[x]!;
      list.forEach(({ col, bit }, c) => {
        const zero = Uint8Array.from({ length: nPlans + 1 }, (_, pid) => (pid < nPlans ? plans[pid]!.checkboxZero[ci]![c]! : 0));
        writeChoice(col, masks, bit >= 0 ? 1 << bit : 0, zero, planIndex, r0);
      });
    });
    itemColumns.forEach(([, s], i) => {
      const shown = Uint8Array.from({ length: nPlans + 1 }, (_, pid) => (pid < nPlans ? plans[pid]!.items[i]! : 0));
      for (let k = 0; k < rows; k++) s[r0 + k] = shown[planIndex[k]!]!;
    });
    ratings.fill(BLANK, 0, rows * nSlots);
    boxes.fill(0, 0, rows * nBoxes);
    staged0 = n;
  }

  function finish(): FastRead | null {
    if (overflow) return null;
    if (readProblems.length) throw new DiagError('INPUT_INVALID', `${file}: ${readProblems.length} cell${readProblems.length === 1 ? '' : 's'} cannot be read`, readProblems);
    const problems: ErrorDetail[] = [];
    for (const f of fallbacks) {
      for (const issue of validateResponse(q, f.response).issues) problems.push({ file, column: `row ${f.line}`, message: describeIssue(issue) });
    }
    if (problems.length) throw validationError(file, problems);
    writeBlock();
    for (const f of fallbacks) builder.fill(f.row, f.response);
    const dataset = n === capacity ? d : truncate(d, n);
    fillFingerprints(dataset);
    return { prepared: { dataset, sources: countSources(sourceOfRow, n) }, rows: n, checked: n - fallbacks.length };
  }

  return { fast, reference, finish };
}
