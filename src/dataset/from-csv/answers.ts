/** The answer a single-column cell holds, as the row check remembers it, and the dataset's code for it. */
import { JST_KINDS } from '../../domain/jst.ts';
import { readScalarCell } from '../../questionnaire/record.ts';
import { STAFF_GROUPS, type QuestionSpec } from '../../questionnaire/types.ts';
import type { ColumnPlan } from '../dataset.ts';

/** The answer a single-column cell holds, with what the fast check needs of it. */
export interface Answer {
  /** number among its question's remembered answers (0 = blank), -1 when not remembered */
  id: number;
  /** false when `fromRecord` reports the cell (e.g. a rating that is not a whole number) */
  readable: boolean;
  /** the answer `fromRecord` reads (undefined = blank) */
  value: unknown;
  /** what the dataset holds for it (NaN = nothing) */
  code: number;
  /** `String(value ?? '')`, the dataset's JST code or voivodeship where this is their question */
  text: string;
  /** the dataset's JST kind and staff group index where this is their question (-1: none) */
  kind: number;
  group: number;
  /** the programme rule's verdict last asked for this (TERYT) answer, and for which answers */
  programmeKey: number;
  programmeOk: boolean;
  /** validation verdict per view of its question (see Plan.views): 1 valid, 2 not, undefined not yet asked */
  verdicts: (1 | 2 | undefined)[];
}

/** An answer (undefined: blank) with what the dataset makes of it, not yet remembered. */
export function answer(value: unknown, code: number): Answer {
  return {
    id: -1,
    readable: true,
    value,
    code,
    text: String(value ?? ''),
    kind: JST_KINDS.indexOf(String(value) as never),
    group: STAFF_GROUPS.indexOf(String(value) as never),
    programmeKey: -1,
    programmeOk: false,
    verdicts: [],
  };
}


/** The answer of a question the header does not have, or of a role that is no question. */
export const ABSENT: Answer = answer(undefined, NaN);

/** The dataset's code for a single-column answer, as `DatasetBuilder.fill` writes it. */
export function codeOf(plan: ColumnPlan | undefined, value: unknown): number {
  if (!plan || value === undefined || value === null || value === '') return NaN;
  switch (plan.kind) {
    case 'code':
      return plan.codes.get(String(value)) ?? NaN;
    case 'number':
      return typeof value === 'number' ? value : NaN;
    case 'boolean':
      return value === true ? 1 : 0;
    default:
      return NaN;
  }
}


/** The answer a cell's text holds for a question (unreadable where `fromRecord` reports the cell). */
export function answerFor(spec: QuestionSpec, plan: ColumnPlan | undefined, raw: string): Answer {
  const read = readScalarCell(spec, raw);
  return 'bad' in read ? { ...ABSENT, readable: false, verdicts: [] } : answer(read.value, codeOf(plan, read.value));
}
