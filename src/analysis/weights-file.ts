/**
 * The per-respondent weights as a file of their own (`diag analyze --weights-out FILE`): microdata for the
 * analyst who reproduces the estimates elsewhere (R `survey`, SPSS), never part of results.json, which is
 * published. A CSV for a Polish Excel and R's read.csv2: UTF-8 with BOM, `;`, CRLF, decimal comma, full
 * precision; one line per analysed respondent: id, JST (TERYT), weighting stratum, the weight shared by all
 * of the JST's respondents and the weight shared within the respondent's staff group.
 */
import { writeFileSync } from 'node:fs';
import { neutraliseCell, polishNumber } from '../responses/csv-safe.ts';
import type { RespondentWeights } from './analyze.ts';

export const WEIGHTS_HEADER = ['id', 'jst', 'stratum', 'weight', 'weight_within_group'];

export function respondentWeightsCsv(w: RespondentWeights): string {
  const text = (s: string) => {
    const v = String(neutraliseCell(s));
    return /[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  };
  const lines = [WEIGHTS_HEADER.join(';')];
  for (let i = 0; i < w.ids.length; i++) {
    lines.push([text(w.ids[i]!), text(w.jst[i]!), text(w.stratum[i]!), polishNumber(w.weight[i]!), polishNumber(w.weightWithinGroup[i]!)].join(';'));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function writeRespondentWeights(path: string, w: RespondentWeights): void {
  writeFileSync(path, respondentWeightsCsv(w));
}
