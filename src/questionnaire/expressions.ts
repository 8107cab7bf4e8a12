/**
 * SurveyJS conditions, compiled once and memoised: a questionnaire's conditions read a handful of answers
 * (mostly the JST kind and the staff group), so their verdict is cached by the values they read. This is
 * what lets validation run at thousands of responses a second.
 */
import { ConditionRunner } from 'survey-core';
import type { QuestionSpec } from './types.ts';

export class CompiledCondition {
  readonly expression: string;
  readonly variables: string[];
  private readonly runner: ConditionRunner;
  private readonly cache = new Map<string, boolean>();

  constructor(expression: string) {
    this.expression = expression;
    this.runner = new ConditionRunner(expression);
    // Variable names may address a part of a value ("{q.row}"); memoise on the whole question value.
    this.variables = [...new Set(this.runner.getVariables().map(baseName))];
  }

  get valid(): boolean {
    return this.runner.canRun();
  }

  /**
   * The verdict for these answers (validate.ts hands it well-formed answers only, see conditionData). Should
   * survey-core throw all the same, or an answer not serialise, the condition does not hold and nothing is cached.
   */
  run(values: Record<string, unknown>): boolean {
    let key: string | null = '';
    try {
      for (const v of this.variables) {
        const x = values[v];
        key += (x === undefined ? '~' : JSON.stringify(x)) + '\u0001';
      }
    } catch {
      key = null;
    }
    let verdict = key === null ? undefined : this.cache.get(key);
    if (verdict === undefined) {
      try {
        verdict = this.runner.runValues(values) === true;
      } catch {
        return false;
      }
      if (key !== null && this.cache.size < 4096) this.cache.set(key, verdict);
    }
    return verdict;
  }
}

export function baseName(variable: string): string {
  return variable.split(/[.[]/)[0] ?? variable;
}

/** Every expression of every question, for checking at load time. */
export function expressionsOf(q: QuestionSpec): { where: string; expression: string }[] {
  const out: { where: string; expression: string }[] = q.visibleIf.map((e) => ({ where: 'visibleIf', expression: e }));
  if (q.requiredIf) out.push({ where: 'requiredIf', expression: q.requiredIf });
  for (const c of q.choices ?? []) if (c.visibleIf) out.push({ where: `choice '${c.value}' visibleIf`, expression: c.visibleIf });
  for (const r of q.rows ?? []) if (r.visibleIf) out.push({ where: `row '${r.value}' visibleIf`, expression: r.visibleIf });
  for (const v of q.validators) if (v.type === 'expression') out.push({ where: 'expression validator', expression: v.expression });
  return out;
}

export function checkExpressions(questions: QuestionSpec[], fail: (message: string) => void): void {
  const names = new Set(questions.map((q) => q.name));
  for (const q of questions) {
    for (const { where, expression } of expressionsOf(q)) {
      const c = new CompiledCondition(expression);
      if (!c.valid) { fail(`question '${q.name}': ${where} "${expression}" is not a valid SurveyJS expression`); continue; }
      for (const v of c.variables) if (!names.has(v)) fail(`question '${q.name}': ${where} "${expression}" refers to unknown question '${v}'`);
    }
  }
}
