/**
 * The catalogue change list as files beside the pilot report: catalogue-changes.json (the list with its
 * provenance: the catalogue's version and hash, the pilot results' file, hash, date and inputs) and
 * catalogue-changes.csv for a Polish Excel (UTF-8 with BOM, `;`, CRLF, decimal comma; one line per programme
 * × module, the catalogue's version and hash and the results' hash on every line so the file describes itself).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { neutraliseCell, polishNumber } from '../../responses/csv-safe.ts';
import type { Decision } from './decisions.ts';
import type { CatalogueChanges } from './changes.ts';

export const CHANGES_FILES = { json: 'catalogue-changes.json', csv: 'catalogue-changes.csv' } as const;

export const DECISION_LABEL: Record<Decision, { pl: string; en: string }> = {
  keep: { pl: 'zachować', en: 'keep' },
  revise: { pl: 'poprawić', en: 'revise' },
  drop: { pl: 'usunąć', en: 'drop' },
  none: { pl: 'brak decyzji', en: 'no decision' },
};

export const CHANGES_CSV_COLUMNS = [
  'programme', 'pilot_programme', 'module', 'module_code', 'title_pl', 'title_en',
  'decision', 'decision_pl', 'decision_en', 'rule', 'rule_pl', 'rule_en', 'change_pl', 'change_en',
  'reaction_mean', 'reaction_n', 'reaction_all_programmes', 'gain_mean', 'gain_ci_low', 'gain_ci_high', 'gain_n',
  'hours_min', 'hours_max', 'hours_freed_min', 'hours_freed_max',
  'catalogue_version', 'catalogue_sha256', 'pilot_results_sha256',
] as const;

export function catalogueChangesCsv(list: CatalogueChanges): string {
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : polishNumber(x));
  const text = (s: string | null) => (s === null ? '' : String(neutraliseCell(s)));
  const data = list.changes.map((c) => [
    text(c.programme), text(c.pilotProgramme), text(c.module), text(c.moduleCode), text(c.title.pl), text(c.title.en),
    c.decision, DECISION_LABEL[c.decision].pl, DECISION_LABEL[c.decision].en, c.rule, text(c.ruleText.pl), text(c.ruleText.en), text(c.change.pl), text(c.change.en),
    num(c.reaction?.mean), num(c.reaction?.n), c.reaction ? (c.reaction.pooled ? 'yes' : 'no') : '',
    num(c.gain?.mean), num(c.gain?.ciLow), num(c.gain?.ciHigh), num(c.gain?.n),
    num(c.hours.min), num(c.hours.max), num(c.hoursFreed?.min), num(c.hoursFreed?.max),
    text(list.catalogue.version), list.catalogue.sha256, list.pilot.results.sha256,
  ]);
  return `\uFEFF${Papa.unparse({ fields: [...CHANGES_CSV_COLUMNS], data }, { delimiter: ';', newline: '\r\n' })}\r\n`;
}

/** Writes both files into `outDir`; returns their paths. */
export function writeCatalogueChanges(list: CatalogueChanges, outDir: string): string[] {
  const json = join(outDir, CHANGES_FILES.json);
  const csv = join(outDir, CHANGES_FILES.csv);
  writeFileSync(json, `${JSON.stringify(list, null, 1)}\n`);
  writeFileSync(csv, catalogueChangesCsv(list));
  return [json, csv];
}
