import { relative, resolve } from 'node:path';
import { loadCatalogue } from '../recommendations/catalogue.ts';
import { writeReports } from '../report/report.ts';
import { parseDate } from './analyze.ts';
import { loadPlan } from '../recommendations/rollout.ts';
import { implement, oneOf } from './command.ts';
import { reportSpec } from './commands.ts';
import { populationFrom, resultsFrom } from './results-file.ts';

export const reportCommand = implement(reportSpec, {
  async run({ values }, io) {
    const lang = oneOf(values.lang, 'lang', ['pl', 'en'] as const, 'pl');
    const date = values.date ? parseDate(values.date) : new Date();
    const started = performance.now();
    const log = (m: string) => io.err(`report: ${m} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);

    const { results, questionnaire } = await resultsFrom(values, io);
    const catalogue = loadCatalogue(questionnaire, results.config.segments.map((s) => s.code), values.catalogue ? resolve(io.cwd, values.catalogue) : undefined);
    const outDir = resolve(io.cwd, values.out ?? 'reports');
    const plan = loadPlan(values.plan ? resolve(io.cwd, values.plan) : undefined);
    const population = populationFrom(results, values.frame, io, false);
    const written = await writeReports({ results, questionnaire, catalogue, lang, date, plan, population }, outDir, (m) => log(`wrote ${relative(io.cwd, m) || m}`));
    io.out(`${written.length} reports written to ${relative(io.cwd, outDir) || outDir}:\n${written.map((p) => `  ${relative(io.cwd, p)}`).join('\n')}\n`);
    return 0;
  },
});
