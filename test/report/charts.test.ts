import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { distributionChart, dumbbellChart, groupedChart, ipaChart, rankingChart, renderChartRaster, drawChartVector, type ChartSpec } from '../../src/report/kit/charts/index.ts';
import { parseColor, parseFont } from '../../src/report/kit/charts/css.ts';
import { ipaRange } from '../../src/report/kit/charts/ipa.ts';
import { niceCeil } from '../../src/report/kit/charts/ranking.ts';
import { shares } from '../../src/report/kit/charts/distribution.ts';
import { COLORS, SCALE_RAMPS } from '../../src/report/kit/charts/palette.ts';
import { registerPdfFonts } from '../../src/report/kit/fonts.ts';
import { SAMPLE_AREAS, SCALE_WORDS, sampleAreaRows, sampleDistribution, sampleRanking } from '../../src/report/kit/sample.ts';

const rows = sampleAreaRows();
const specs: ChartSpec[] = [
  dumbbellChart(rows),
  rankingChart(sampleRanking(rows), { valueLabel: 'MWDS' }),
  ipaChart(rows.map((r, i) => ({ label: SAMPLE_AREAS[i]!.short, level: r.level.value, importance: r.importance.value })), { cross: { level: 3.2, importance: 4 } }),
  distributionChart(sampleDistribution(4), { measure: 'importance', scaleLabels: SCALE_WORDS.pl }),
  groupedChart(rows.slice(0, 3).map((r) => ({ label: r.label, management: r.importance, operational: r.level })), { valueLabel: 'Średnia (1–5)', min: 1, max: 5 }),
];

describe('the five chart types', () => {
  it.each(specs.map((s) => [s.kind, s] as const))('%s has Polish alternative text that names its data', (_kind, spec) => {
    expect(spec.alt.length).toBeGreaterThan(60);
    expect(spec.alt).not.toMatch(/undefined|NaN/);
    const named = { dumbbell: 'Finansowanie oświaty', ranking: 'Finansowanie oświaty', ipa: 'Finanse', distribution: 'Znam obowiązki', grouped: 'Prawo oświatowe' } as const;
    expect(spec.alt).toContain(named[spec.kind]);
  });

  it('sorts the dumbbell by gap and the ranking by value, largest first', () => {
    const gaps = (specs[0]!.build().data.datasets[0]!.data as { x: number; y: number }[]).map((p, i) => p.x - (specs[0]!.build().data.datasets[1]!.data[i] as { x: number }).x);
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    const values = specs[1]!.build().data.datasets[0]!.data as number[];
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('draws the dumbbell on the whole 1–5 scale and names the quadrants of the IPA in Polish', () => {
    const x = specs[0]!.build().options!.scales!.x as { min: number; max: number };
    expect([x.min, x.max]).toEqual([1, 5]);
    expect(specs[2]!.alt).toContain('Skoncentruj się tutaj');
  });

  it('uses the fixed colours: importance blue, level orange, management green', () => {
    const d = specs[0]!.build().data.datasets;
    expect(d[0]!.backgroundColor).toBe(COLORS.importance);
    expect(d[1]!.backgroundColor).toBe(COLORS.level);
    expect(specs[4]!.build().data.datasets[0]!.backgroundColor).toBe(COLORS.management);
    expect(specs[3]!.build().data.datasets.map((s) => s.backgroundColor)).toEqual(SCALE_RAMPS.importance.fill);
  });

  it.each(specs.map((s) => [s.kind, s] as const))('%s renders as an opaque RGB PNG at 3 px per point', (_kind, spec) => {
    const png = renderChartRaster(spec, { format: 'png', dpr: 3 });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(Math.round(spec.width) * 3);
    expect(png.readUInt32BE(20)).toBe(Math.round(spec.height) * 3);
    expect(png[25]).toBe(2); // colour type 2: RGB, no alpha
  });

  it('draws as PDF vectors and text, leaving the document state as it was', async () => {
    const doc = new PDFDocument({ size: 'A4', compress: false });
    registerPdfFonts(doc);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => doc.on('end', r));
    doc.x = 10;
    doc.y = 20;
    for (const s of specs) drawChartVector(doc, s, 50, 50);
    expect([doc.x, doc.y]).toEqual([10, 20]);
    doc.end();
    await done;
    const pdf = Buffer.concat(chunks).toString('latin1');
    const lines = pdf.split('\n');
    expect(lines.filter((l) => l === 'q').length).toBe(lines.filter((l) => l === 'Q').length);
    expect(pdf).toMatch(/ re\n|\d l\n/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\n/);
    expect(pdf).not.toContain('Helvetica');
  });
});

describe('chart helpers', () => {
  it.each([
    ['#0072B2', [0, 114, 178], 1],
    ['#fff', [255, 255, 255], 1],
    ['rgba(213, 94, 0, 0.25)', [213, 94, 0], 0.25],
    ['rgb(0 0 0 / 50%)', [0, 0, 0], 0.5],
    ['transparent', [0, 0, 0], 0],
    ['white', [255, 255, 255], 1],
  ] as const)('parseColor(%s)', (css, rgb, a) => {
    expect(parseColor(css)).toEqual({ rgb, a });
  });

  it('parseFont reads chart.js font strings', () => {
    expect(parseFont('bold 8px DejaVu Sans')).toEqual({ size: 8, family: 'DejaVu Sans', bold: true, italic: false });
    expect(parseFont('italic normal 7.5px "DejaVu Sans Condensed"')).toEqual({ size: 7.5, family: 'DejaVu Sans Condensed', bold: false, italic: true });
  });

  it.each([[0.7, 0.8], [6.95, 8], [1.1, 1.2], [12.5, 15], [0, 0]])('niceCeil(%d) = %d', (x, y) => {
    expect(niceCeil(x)).toBeCloseTo(y, 9);
  });

  it('zooms the IPA axes to the data but never beyond 1–5', () => {
    expect(ipaRange([3.2, 3.6, 4.1], 3.7)).toEqual([3, 4.25]);
    expect(ipaRange([1.05, 4.95], 3)).toEqual([1, 5]);
  });

  it('turns answer counts into row shares', () => {
    expect(shares([1, 1, 2, 0, 0])).toEqual([25, 25, 50, 0, 0]);
    expect(shares([0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('the distribution chart with withheld counts', () => {
  const spec = distributionChart(
    [
      { label: 'Zadanie 1', counts: [null, 20, 40, 30, null], n: 100 },
      { label: 'Zadanie 2', counts: [10, 20, 30, 25, 15], n: 100 },
    ],
    { measure: 'level', scaleLabels: SCALE_WORDS.pl, hiddenLabel: 'ukryte (< 5)' },
  );
  const data = spec.build().data.datasets;

  it('draws known answers at their share of n and the withheld ones together as one grey band', () => {
    expect(shares([null, 20, 40, 30, null], 100)).toEqual([null, 20, 40, 30, null]);
    expect(data).toHaveLength(6);
    expect(data[5]!.label).toBe('ukryte (< 5)');
    expect(data[5]!.data).toEqual([10, 0]);
    expect(data.slice(0, 5).map((d) => d.data[0])).toEqual([0, 20, 40, 30, 0]);
  });

  it('says in the alternative text that the top answers are withheld rather than giving a number', () => {
    expect(spec.alt).toContain('Zadanie 1: odpowiedzi 4–5 ukryte');
    expect(spec.alt).toContain('Zadanie 2: odpowiedzi 4–5 40');
  });

  it('adds no grey band when nothing is withheld', () => {
    expect(distributionChart(sampleDistribution(2), { measure: 'level', scaleLabels: SCALE_WORDS.pl }).build().data.datasets).toHaveLength(5);
  });
});
