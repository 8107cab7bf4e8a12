import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backwardImports, importSpecifiers, sourceFiles, STAGES } from './layers.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('the one-way rule: questionnaire → responses → dataset → analysis → recommendations → report, adapters on top', () => {
  it('no module of src/ imports a later stage', () => {
    const violations = backwardImports(SRC, sourceFiles(SRC));
    expect(violations.map((v) => `${v.file} imports ${v.imports} (${v.from} → ${v.to})`)).toEqual([]);
  });

  it('every top-level entry of src/ has a stage', () => {
    const unknown = readdirSync(SRC).filter((name) => !(name in STAGES));
    expect(unknown).toEqual([]);
  });

  it('finds a backward import of any form (static, type-only, re-export, dynamic)', () => {
    const root = '/x/src';
    const files = [
      { path: '/x/src/dataset/a.ts', text: "import type { Results } from '../analysis/results-schema.ts';" },
      { path: '/x/src/questionnaire/b.ts', text: "export { x } from '../report/x.ts';" },
      { path: '/x/src/analysis/c.ts', text: "const m = await import('../server/app.ts');" },
      { path: '/x/src/report/d.ts', text: "import { analyze } from '../analysis/analyze.ts';\nimport { s } from '../stats/index.ts';" },
      { path: '/x/src/server/e.ts', text: "import { run } from '../cli/main.ts';" },
    ];
    const v = backwardImports(root, files);
    expect(v.map((x) => `${x.from}→${x.to}`)).toEqual(['dataset→analysis', 'questionnaire→report', 'analysis→server', 'server→cli']);
  });

  it('reads multi-line import lists', () => {
    expect(importSpecifiers("import {\n  a,\n  b,\n} from '../x.ts';\nimport './side.ts';")).toEqual(['../x.ts', './side.ts']);
  });
});
