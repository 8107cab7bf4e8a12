import { relative, resolve } from 'node:path';
import { JST_KIND_LABELS, JST_KINDS } from '../domain/jst.ts';
import { countsByStratum } from '../sampling/frame.ts';
import { readFrameFile } from '../sampling/frame-file.ts';
import { implement } from './command.ts';
import { frameSpec } from './commands-store.ts';
import { table, withStore } from './store.ts';

export const frameCommand = implement(frameSpec, {
  async run({ values, positionals }, io) {
    const [sub, file, ...extra] = positionals;
    if (sub === 'list' && !file) {
      return withStore(async (store) => {
        const frames = await store.listFrames();
        io.out(frames.length ? table(['id', 'name', 'version', 'units', 'created', 'source'], frames.map((f) => [f.id, f.name, f.version, f.units, f.createdAt, f.source])) : 'no frame in the store: diag frame import FILE\n');
        return 0;
      });
    }
    if (sub !== 'import' || !file || extra.length) {
      io.err('diag frame: use `frame import FILE [--name NAME]` or `frame list`\n');
      return 64;
    }
    const path = resolve(io.cwd, file);
    const shown = relative(io.cwd, path) || path;
    const loaded = readFrameFile(path, shown);
    const name = values.name ?? loaded.name;
    return withStore(async (store) => {
      const { frame, created, differs } = await store.importFrame({ name, version: loaded.version, source: shown }, loaded.units);
      const counts = new Map(countsByStratum(loaded.units, ['kind']).map((c) => [c.values.kind, c.count]));
      const separator = loaded.separator && loaded.separator !== ';' ? ` (fields separated by ${loaded.separator === '\t' ? 'tab' : `"${loaded.separator}"`})` : '';
      const what = loaded.format === 'terc' ? `TERC register of ${loaded.version}${separator}` : 'frame CSV';
      io.out(`${shown}: ${what}, ${loaded.units.length} JSTs\n`);
      io.out(table(['kind', 'JSTs', ''], JST_KINDS.map((k) => [k, counts.get(k) ?? 0, JST_KIND_LABELS[k].pl])));
      if (loaded.summary) {
        const s = loaded.summary;
        io.out(`register: ${s.voivodeships} voivodeships, ${s.counties} counties (${s.citiesWithCountyRights} cities with county rights), ${s.gminas.total} gminas; not JSTs, dropped: ${s.ignored.townParts} town parts, ${s.ignored.ruralAreas} rural areas, ${s.ignored.cityDistricts} city districts, ${s.ignored.delegations} delegations\n`);
      }
      const hash = frame.sha256 ? ` (content SHA-256 ${frame.sha256.slice(0, 12)}…)` : '';
      if (differs) {
        io.out(`a different frame "${differs.name}" version ${differs.version} (${differs.units} units) is already stored as frame ${differs.id}; this one has other content\n`);
      }
      io.out(
        created
          ? `stored as frame ${frame.id} "${frame.name}" version ${frame.version}${hash}${differs ? `, now the latest "${frame.name}"` : ''}\n`
          : `already stored as frame ${frame.id} "${frame.name}" version ${frame.version} with the same content${hash}: nothing changed\n`,
      );
      return 0;
    });
  },
});
