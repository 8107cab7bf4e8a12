/**
 * The steps `diag pilot analyze` / `diag pilot report` and the demo share: the pilot's files in one folder (as
 * `diag synth --pilot` writes them), and the catalogue change list of a pilot's results.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { PilotResults } from '../analysis/pilot/types.ts';
import type { PilotFiles } from '../pipeline/pilot.ts';
import { sha256 } from '../pipeline/provenance.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { loadCatalogue } from '../recommendations/catalogue.ts';
import { catalogueChanges, type CatalogueChanges } from '../report/pilot/changes.ts';
import { PILOT_FILES } from '../synth/pilot-files.ts';

/** The files of a pilot folder; the reactions and the follow-up are taken when they are there. */
export function pilotFilesIn(dir: string, cwd: string): PilotFiles {
  const ref = (name: string) => ({ path: resolve(cwd, join(dir, name)), cwd });
  const optional = (name: string) => (existsSync(resolve(cwd, join(dir, name))) ? ref(name) : undefined);
  const reaction = optional(PILOT_FILES.reaction);
  const followup = optional(PILOT_FILES.followup);
  return { diagnosis: ref(PILOT_FILES.diagnosis), register: ref(PILOT_FILES.register), post: ref(PILOT_FILES.post), ...(reaction ? { reaction } : {}), ...(followup ? { followup } : {}) };
}

/** The decisions of a pilot's results as changes to the catalogue at `cataloguePath`, with both files' hashes. */
export function catalogueChangeList(o: { questionnaire: Questionnaire; segments: string[]; cataloguePath: string; results: PilotResults; resultsFile: { file: string; bytes: Buffer } }): CatalogueChanges {
  return catalogueChanges({
    catalogue: loadCatalogue(o.questionnaire, o.segments, o.cataloguePath),
    catalogueFile: { file: basename(o.cataloguePath), sha256: sha256(readFileSync(o.cataloguePath)) },
    results: o.results,
    resultsFile: { file: basename(o.resultsFile.file), sha256: sha256(o.resultsFile.bytes) },
  });
}
