/**
 * The one rule for cells that cannot support inference, applied to every output (estimates, choices,
 * tests, priorities; the reports word it): a cell whose data come from one JST, or from one JST in each
 * stratum of the design (design degrees of freedom — R's degf of the domain: JSTs holding its data minus
 * their strata — below 1), gets no interval, neither the t-interval over respondents nor the design-based
 * one, and no test involves it; its means stay, with the reason. With one JST the uncertainty of a result
 * cannot be told apart from the officials of that JST answering alike.
 */
import type { EstimateCellT } from './results-schema.ts';

/** Why a cell with data from `jsts` JSTs and design df `df` cannot support inference, or null when it can. */
export function noInferenceReason(jsts: number | null, df: number | null): string | null {
  if (jsts === null || df === null || df >= 1) return null;
  return jsts <= 1
    ? 'all respondents of the cell come from one JST: no confidence interval and no test'
    : 'the respondents of the cell come from one JST in each weighting stratum (design degrees of freedom 0): no confidence interval and no test';
}

export function withInferenceRule(e: Extract<EstimateCellT, { n: number }>, jsts: number | null, df: number | null): EstimateCellT {
  const reason = noInferenceReason(jsts, df);
  if (!reason) return e;
  return {
    ...e, ciLow: null, ciHigh: null,
    weighted: e.weighted ? { ...e.weighted, se: null, ciLow: null, ciHigh: null, deff: null } : null,
    noInference: reason,
  };
}

