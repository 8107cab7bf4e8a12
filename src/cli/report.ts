import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { DiagError } from '../errors.ts';
import { ResultsSchema, type Results } from '../analysis/results-schema.ts';
import { loadQuestionnaire } from '../questionnaire/load.ts';
import { loadCatalogue } from '../recommendations/catalogue.ts';
import { writeReports } from '../report/report.ts';
import { analyzeCommand, parseDate } from './analyze.ts';
import { implement, oneOf } from './command.ts';
import { reportSpec } from './commands.ts';

export const reportCommand = implement(reportSpec, {
  async run({ values }, io) {
    const lang = oneOf(values.lang, 'lang', ['pl', 'en'] as const, 'pl');
    const date = values.date ? parseDate(values.date) : new Date();
    if (!values.data === !values.results) throw new DiagError('USAGE', 'give either --data FILE (and optionally --frame) or --results FILE');
    const started = performance.now();
    const log = (m: string) => io.err(`report: ${m} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);

    let results: Results;
    if (values.results) {
      results = readResults(resolve(io.cwd, values.results));
    } else {
      let json = '';
      const code = await analyzeCommand.run(
        { values: { data: values.data, frame: values.frame, config: values.config, date: values.date }, positionals: [], tokens: undefined } as never,
        { ...io, out: (t) => (json += t) },
      );
      if (code !== 0) return code;
      results = JSON.parse(json) as Results;
    }
    const questionnaire = loadQuestionnaire();
    const catalogue = loadCatalogue(questionnaire, results.config.segments.map((s) => s.code), values.catalogue ? resolve(io.cwd, values.catalogue) : undefined);
    const outDir = resolve(io.cwd, values.out ?? 'reports');
    const written = await writeReports({ results, questionnaire, catalogue, lang, date }, outDir, (m) => log(`wrote ${relative(io.cwd, m) || m}`));
    io.out(`${written.length} reports written to ${relative(io.cwd, outDir) || outDir}:\n${written.map((p) => `  ${relative(io.cwd, p)}`).join('\n')}\n`);
    return 0;
  },
});

function readResults(path: string): Results {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DiagError('INPUT_INVALID', `${path} cannot be read as JSON: ${(e as Error).message}`, [{ file: path, message: 'expected results.json from `diag analyze`' }]);
  }
  if (!Value.Check(ResultsSchema, value)) {
    const details = [...Value.Errors(ResultsSchema, value)].slice(0, 10).map((e) => ({ file: path, column: e.path, message: e.message }));
    throw new DiagError('INPUT_INVALID', `${path} does not match the results schema (made by another version of diag?)`, details);
  }
  return value as Results;
}
