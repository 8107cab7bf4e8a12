import { relative, resolve } from 'node:path';
import { loadCatalogue } from '../recommendations/catalogue.ts';
import { buildProgrammes } from '../recommendations/programme.ts';
import { DEFAULT_PLAN, loadPlan } from '../recommendations/rollout.ts';
import { writeProgrammes } from '../report/programme/render.ts';
import { parseDate } from './analyze.ts';
import { implement, oneOf } from './command.ts';
import { programmesSpec } from './commands.ts';
import { populationFrom, resultsFrom } from './results-file.ts';

export const programmesCommand = implement(programmesSpec, {
  async run({ values }, io) {
    if (values['print-plan']) {
      io.out(JSON.stringify(DEFAULT_PLAN, null, 2) + '\n');
      return 0;
    }
    const lang = oneOf(values.lang, 'lang', ['pl', 'en'] as const, 'pl');
    const date = values.date ? parseDate(values.date) : new Date();
    const plan = loadPlan(values.plan ? resolve(io.cwd, values.plan) : undefined);
    const { results, questionnaire } = await resultsFrom(values, io);
    const catalogue = loadCatalogue(questionnaire, results.config.segments.map((s) => s.code), values.catalogue ? resolve(io.cwd, values.catalogue) : undefined);
    const docs = buildProgrammes({ results, questionnaire, catalogue, plan, population: populationFrom(results, values.frame, io) });
    const outDir = resolve(io.cwd, values.out ?? 'reports');
    const synthetic = Object.keys(results.dataset.sources).includes('synthetic');
    const written = await writeProgrammes(docs, { lang, date, synthetic, suppressionThreshold: results.config.suppressionThreshold }, outDir);
    io.out(`${docs.length} programmes written to ${relative(io.cwd, outDir) || outDir}:\n${written.map((p) => `  ${relative(io.cwd, p)}`).join('\n')}\n`);
    return 0;
  },
});
