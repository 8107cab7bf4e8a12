import { relative, resolve } from 'node:path';
import { loadInstrument } from '../questionnaire/instrument.ts';
import { EXPORT_FORMATS, exportResponses, exportTable } from '../responses/export.ts';
import { implement, oneOf } from './command.ts';
import { exportSpec } from './commands-store.ts';
import { withStore } from './store.ts';

export const exportCommand = implement(exportSpec, {
  async run({ values }, io) {
    const format = oneOf(values.format, 'format', EXPORT_FORMATS, 'raw');
    const q = loadInstrument(values.questionnaire ? resolve(io.cwd, values.questionnaire) : undefined);
    if (!values.out) {
      // the data table alone, to standard output (`diag export | head -1`)
      if (format !== 'raw' && format !== 'labelled') {
        io.err(`diag export: --format ${format} writes a workbook: give --out DIR\n`);
        return 64;
      }
      return withStore(async (store) => {
        io.out((await exportTable(q, store, format, values.wave)).text);
        return 0;
      });
    }
    const outDir = resolve(io.cwd, values.out);
    return withStore(async (store) => {
      const r = await exportResponses(q, store, { format, outDir, ...(values.wave !== undefined ? { wave: values.wave } : {}) });
      io.out(`${r.responses} responses${values.wave !== undefined ? ` of wave ${values.wave}` : ''} exported (${format}); ${r.neutralised} text cells neutralised against formula injection\n`);
      for (const f of r.files) io.out(`  ${relative(io.cwd, f) || f}\n`);
      return 0;
    });
  },
});
