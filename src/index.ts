/**
 * The public API of jst-diagnoza, in the order the data flow: questionnaire → responses → dataset (through the
 * pipeline: read, validated once, with provenance) → analysis → recommendations → report. The CLI (`diag`) and
 * the server are adapters over exactly these functions.
 *
 *   const q = loadQuestionnaire();
 *   const data = readResponsesInput(q, { path: 'responses.csv', cwd: process.cwd() });
 *   const { frame, source } = readFrameInput({ path: 'frame.csv', cwd: process.cwd() });
 *   const results = analyze({ questionnaire: q, prepared: data.prepared, frame, config: { ...DEFAULT_CONFIG, weights: 'frame' }, source: { ...data.source, ...source } });
 *   const catalogue = loadCatalogue(q, results.config.segments.map((s) => s.code));
 *   const pdf = await renderSegmentReport({ results, questionnaire: q, catalogue, lang: 'pl', date: new Date() }, 'rural');
 *
 * Importing this module loads every stage, the PDF renderer included; the CLI loads each stage only when a
 * command needs it.
 */

// errors every stage throws: a code, a message and details naming file, row, column or field
export { DiagError, isDiagError, type ErrorDetail } from './errors.ts';

// questionnaire loading and response validation
export { DEFAULT_QUESTIONNAIRE, loadQuestionnaire } from './questionnaire/load.ts';
export { validateResponse, validatorFor } from './questionnaire/validate.ts';
export { describeIssue, type SurveyResponse } from './questionnaire/response.ts';
export type { Lang, PilotInstrument, PilotInstrumentKind, Questionnaire, StaffGroup, SurveyInstrument } from './questionnaire/types.ts';
export { loadInstrument, loadPilotInstrument, shippedPilotInstruments, PILOT_INSTRUMENT_FILES } from './questionnaire/instrument.ts';
export { checkParticipantCode, isParticipantCode, participantCode, participantCodes } from './domain/participant-code.ts';

// response reading and writing; the sampling frame; synthetic data
export { readResponsesFile, type ResponsesFile } from './responses/read-file.ts';
export { readResponsesCsv, writeResponsesCsv } from './responses/csv.ts';
export { openStore, type StoreOptions } from './responses/store/open.ts';
export type { Store } from './responses/store/types.ts';
export { readFrameFile, type FrameFile } from './sampling/frame-file.ts';
export type { FrameUnit } from './sampling/frame.ts';
export { generateSynthetic, type SynthOptions, type SynthResult } from './synth/generate.ts';
export { generatePilot, type PilotSynthOptions, type PilotSynthResult } from './synth/pilot.ts';
export { writePilotFiles, PILOT_FILES } from './synth/pilot-files.ts';

// the analysis input: responses from a file or the store, validated once, with their provenance
export { readFrameInput, readResponsesInput, type FileData, type FileRef, type FrameData } from './pipeline/from-file.ts';
export { readStored, readStoreInput, validateStored, type StoreData, type StoreReadOptions } from './pipeline/from-store.ts';
export type { Provenance } from './pipeline/provenance.ts';
export { readPilotInput, readRegister, type PilotFiles } from './pipeline/pilot.ts';
export type { PilotInput } from './pipeline/pilot-input.ts';
export { prepareData, type PreparedData } from './dataset/prepared.ts';

// analysis
export { analyze, runAnalysis, type AnalysisInput, type AnalysisOutput, type RespondentWeights } from './analysis/analyze.ts';
export { DEFAULT_CONFIG, type AnalysisConfig } from './analysis/config.ts';
export { readConfigFile, resolveConfig, type ConfigFile } from './analysis/config-file.ts';
export { ResultsSchema, type Results } from './analysis/results-schema.ts';
export { analyzePilot } from './analysis/pilot/analyze.ts';
export { DEFAULT_PILOT_CONFIG, type PilotConfig, type PilotResults } from './analysis/pilot/types.ts';

// recommendations: the programme catalogue, the programmes built from the results, the rollout plan
export { DEFAULT_CATALOGUE, loadCatalogue, type Catalogue } from './recommendations/catalogue.ts';
export { buildProgrammes, populationOf, type ProgrammeDoc, type ProgrammeInputs } from './recommendations/programme.ts';
export { DEFAULT_PLAN, loadPlan, type Population, type RolloutPlan } from './recommendations/rollout.ts';

// report rendering: the segment reports and the programme documents (PDF)
export { renderSegmentReport, reportFileName, writeReports, type ReportInputs } from './report/report.ts';
export { renderProgramme, writeProgrammes, type ProgrammeRenderOptions } from './report/programme/render.ts';
export { renderPilotReport, writePilotReport, type PilotReportOptions } from './report/pilot/render.ts';
export { catalogueChanges, type CatalogueChanges } from './report/pilot/changes.ts';
