/** The frequency-table path for whole-number series equals the general describe() path. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCells } from '../../src/analysis/cells.ts';
import { DEFAULT_CONFIG } from '../../src/analysis/config.ts';
import { Estimator } from '../../src/analysis/estimates.ts';
import { computeScores, itemColumn } from '../../src/analysis/scores.ts';
import { buildDataset } from '../../src/dataset/dataset.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const q = shippedQuestionnaire();
const responses = readResponsesCsv(q, readFileSync(join(import.meta.dirname, '..', '..', 'data-samples/responses.csv')), 'r.csv').responses;
const d = buildDataset(q, responses);
const cells = buildCells(d, DEFAULT_CONFIG);
const scores = computeScores(d);
const est = new Estimator(d, { ...DEFAULT_CONFIG, suppressionThreshold: 1 }, null);

describe('estimates of whole-number series', () => {
  it.each(['DANE1', 'SIEC3', 'ZAWOD2', 'STRAT4'])('%s: importance, level and gap agree with describe() in every cell (1e-12)', (item) => {
    const series = [
      { col: itemColumn(d, item, 'importance'), range: { min: 1, max: 5 } },
      { col: itemColumn(d, item, 'level'), range: { min: 1, max: 5 } },
      { col: scores.itemGap.get(item)!, range: { min: -4, max: 4 } },
    ];
    for (const { col, range } of series) {
      for (const cell of cells) {
        const fast = est.estimate(col, cell, range);
        const slow = est.estimate(col, cell);
        if ('suppressed' in slow) {
          expect(fast).toEqual(slow);
          continue;
        }
        for (const key of ['n', 'mean', 'sd', 'median', 'ciLow', 'ciHigh'] as const) {
          const a = slow[key] as number | null;
          const b = (fast as typeof slow)[key] as number | null;
          if (a === null || b === null) expect(b, key).toBe(a);
          else expect(Math.abs(a - b), `${item} ${cell.segment}/${cell.group} ${key}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a)));
        }
      }
    }
  });
});
