/**
 * Report prose prints no withheld size: the reports of a wave with 3 rural and 1 county operational
 * respondent, read back with poppler, state neither those counts nor the totals they could be worked out
 * from, and say why the group sizes are not given.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/recommendations/catalogue.ts';
import { renderSegmentReport } from '../../src/report/report.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';
import { runAnalysis } from '../helpers/analysis.ts';
import { shippedFrame, smallWave } from '../helpers/small-wave.ts';
import { findPoppler, pdfText } from './poppler.ts';

const q = shippedQuestionnaire();
const wave = smallWave();
const results = runAnalysis(wave, { frame: shippedFrame() });
const poppler = findPoppler();

describe('report prose under disclosure control', () => {
  for (const [segment, operational] of [['rural', 3], ['county', 1]] as const) {
    it(`the ${segment} report prints no withheld size`, async () => {
      if (!poppler) return;
      const seg = results.segments.find((s) => s.code === segment)!;
      expect(seg.operational).toBeNull();
      const managers = wave.filter((r) => r.data.staff_group === 'management' && results.config.segments.find((s) => s.code === segment)!.kinds.includes(String(r.data.jst_kind) as never)).length;
      const bytes = await renderSegmentReport({ results, questionnaire: q, catalogue: loadCatalogue(q, ['rural', 'urban', 'county']), lang: 'pl', date: new Date('2026-12-04T12:00:00Z') }, segment);
      const file = join(mkdtempSync(join(tmpdir(), 'diag-prose-')), `${segment}.pdf`);
      writeFileSync(file, bytes);
      const text = pdfText(file).replace(/\s+/g, ' ');
      expect(text).not.toMatch(new RegExp(`\\b${operational} (pracownik|pracowników) operacyjn`));
      // the managers' count and the segment's count cannot both stand in the text: one of them is withheld
      const printed = (n: number | null) => n !== null && new RegExp(`\\b${n.toLocaleString('pl-PL').replace(/\s/g, '\\s')} (osób|osoby|z kadry)`).test(text);
      expect(printed(managers) && printed(managers + operational)).toBe(false);
      expect(text).toMatch(/nie (są|jest) podan/);
    });
  }
});
