/**
 * Report kit benchmarks: each chart type drawn warm (vector, as the reports do, and raster for
 * comparison), the embedding routes behind the vector decision (see src/report/kit/charts/engine.ts),
 * and a whole 30-page document with 24 charts.
 */
import PDFDocument from 'pdfkit';
import { buildReport } from '../src/report/kit/build.ts';
import { distributionChart, drawChartVector, dumbbellChart, groupedChart, ipaChart, rankingChart, renderChartRaster, type ChartSpec, type RasterFormat } from '../src/report/kit/charts/index.ts';
import { registerPdfFonts } from '../src/report/kit/fonts.ts';
import type { Report } from '../src/report/kit/document.ts';
import { SAMPLE_AREAS, SAMPLE_OPTIONS, SCALE_WORDS, sampleAreaRows, sampleDistribution, sampleItemRows, sampleRanking } from '../src/report/kit/sample.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

function charts(shift = 0): ChartSpec[] {
  const rows = sampleAreaRows(shift);
  const cross = { level: 3.2, importance: 4 };
  return [
    dumbbellChart(rows),
    rankingChart(sampleRanking(rows), { valueLabel: 'Wskaźnik potrzeb szkoleniowych (MWDS)', highlightTop: 3 }),
    ipaChart(rows.map((r, i) => ({ label: SAMPLE_AREAS[i]!.short, level: r.level.value, importance: r.importance.value })), { cross }),
    distributionChart(sampleDistribution(6), { measure: 'level', scaleLabels: SCALE_WORDS.pl }),
    groupedChart(rows.slice(0, 5).map((r) => ({ label: r.label, management: r.importance, operational: r.level })), { valueLabel: 'Średnia ważność (skala 1–5)', min: 1, max: 5 }),
  ];
}

/** A document to draw into; `finish` ends it and resolves with its size. */
function scratchDoc() {
  const doc = new PDFDocument({ size: 'A4' });
  registerPdfFonts(doc);
  doc.font('Sans').text('Zażółć gęślą jaźń 0123456789');
  doc.font('Sans-Bold').text('Zażółć gęślą jaźń 0123456789');
  let size = 0;
  doc.on('data', (c: Uint8Array) => (size += c.length));
  const done = new Promise<number>((resolve) => doc.on('end', () => resolve(size)));
  return { doc, finish: () => (doc.end(), done) };
}

async function timeRoute(spec: ChartSpec, route: RasterFormat | 'vector', reps: number): Promise<{ render: number; embed: number; bytes: number }> {
  const render: number[] = [];
  const embed: number[] = [];
  let bytes = 0;
  for (let i = 0; i < reps + 2; i++) {
    const empty = scratchDoc();
    const t0 = performance.now();
    const baseSize = await empty.finish();
    const tBase = performance.now() - t0;
    const { doc, finish } = scratchDoc();
    const t1 = performance.now();
    const img = route === 'vector' ? undefined : renderChartRaster(spec, { format: route, dpr: 3 });
    const t2 = performance.now();
    if (img) doc.image(img, 50, 50, { width: spec.width });
    else drawChartVector(doc, spec, 50, 50);
    const size = await finish();
    const t3 = performance.now();
    if (i >= 2) {
      render.push(t2 - t1);
      embed.push(t3 - t2 - tBase);
      bytes = size - baseSize;
    }
  }
  return { render: median(render), embed: Math.max(0, median(embed)), bytes };
}

function sampleChapter(r: Report, c: number, specs: ChartSpec[]): void {
  r.h1(`Rozdział ${c}: obszar przykładowy`);
  specs.forEach((spec, k) => {
    r.h2(`Sekcja ${c}.${k + 1}`);
    r.paragraph('Zażółć gęślą jaźń. Ten akapit stoi w miejscu komentarza analityka do wykresu, który następuje po nim, i ma długość typowego opisu w raporcie diagnostycznym dla jednej grupy JST.');
    r.figure(spec, { title: 'Pytanie, na które odpowiada wykres?', source: 'dane syntetyczne' });
    r.paragraph('Wnioski z wykresu: obszary o największej luce wymagają szkoleń w pierwszej kolejności, a różnice między grupami kadr wskazują, które moduły programu warto dostosować do kadry zarządzającej, a które do pracowników operacyjnych.');
  });
}

const ROWS = 120;

export async function benchReportKit(): Promise<string[]> {
  const lines: string[] = [];
  const specs = charts();
  for (const s of specs) drawChartVector(scratchDoc().doc, s, 50, 50); // warm up chart.js and fonts
  lines.push('report kit: chart drawn warm (median of 9), vector into the PDF vs raster PNG at 216 dpi');
  for (const s of specs) {
    const v = await timeRoute(s, 'vector', 9);
    const p = await timeRoute(s, 'png', 5);
    lines.push(`  ${s.kind.padEnd(12)} vector ${ms(v.render + v.embed)} (${(v.bytes / 1024).toFixed(0)} kB)   raster PNG ${ms(p.render + p.embed)} (${(p.bytes / 1024).toFixed(0)} kB)`);
  }
  lines.push('report kit: embedding routes for the dumbbell chart (render + encode | pdfkit embed | bytes in the PDF)');
  for (const route of ['png-rgba', 'png', 'jpeg', 'vector'] as const) {
    const r = await timeRoute(specs[0]!, route, 7);
    lines.push(`  ${route.padEnd(9)} ${ms(r.render).padStart(9)} | ${ms(r.embed).padStart(9)} | ${(r.bytes / 1024).toFixed(0).padStart(4)} kB`);
  }
  const t0 = performance.now();
  const { bytes, report } = await buildReport({ ...SAMPLE_OPTIONS, tocPages: 1 }, (r) => {
    r.cover({ segment: 'Gminy wiejskie', version: 'bench' });
    r.tableOfContents();
    for (let c = 1; c <= 6; c++) sampleChapter(r, c, [...charts(c), ...charts(c + 1)].slice(0, 4));
    r.h1('Aneks');
    r.table({ title: 'Wszystkie pozycje', columns: [{ header: 'Pozycja', width: 0.46 }, { header: 'n' }, { header: 'Ważność (1–5)' }, { header: 'Poziom (1–5)' }, { header: 'Luka (pkt)' }], rows: sampleItemRows(ROWS) });
  });
  const t1 = performance.now();
  const figures = report.headings.filter((h) => h.level === 2).length;
  lines.push(`report kit: document of ${report.pageCount} pages with ${figures} charts and a ${ROWS}-row table built in ${((t1 - t0) / 1000).toFixed(2)} s, ${(bytes.length / 1024).toFixed(0)} kB; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  return lines;
}

// `npx tsx bench/report-kit.ts` runs this section alone
if (import.meta.url === `file://${process.argv[1]}`) for (const l of await benchReportKit()) console.log(l);
