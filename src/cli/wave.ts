import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DiagError } from '../errors.ts';
import { STRATUM_VARIABLES, type StratumVariable } from '../sampling/frame.ts';
import { ALLOCATION_METHODS, NEYMAN_VARIABLES, type StratifiedSample } from '../sampling/sample.ts';
import { loadInstrument } from '../questionnaire/instrument.ts';
import { instrumentRef } from '../questionnaire/types.ts';
import { createWave, linksCsv, waveLinks } from '../responses/waves.ts';
import { implement, intOption, oneOf, type Io } from './command.ts';
import { waveSpec } from './commands-store.ts';
import { table, withStore } from './store.ts';
import { fieldworkSubcommand } from './wave-fieldwork.ts';

export const waveCommand = implement(waveSpec, {
  async run({ values, positionals }, io) {
    const [sub, wave, ...extra] = positionals;
    const writeLinks = async (name: string) => {
      if (!values.out || !values['base-url']) throw new DiagError('USAGE', 'links need both --out FILE and --base-url URL');
      const out = resolve(io.cwd, values.out);
      await withStore(async (store, dataDir) => {
        const links = await waveLinks(store, dataDir, name, values['base-url'] as string);
        writeFileSync(out, linksCsv(links));
        io.out(`${links.length} links of wave ${name} written to ${relative(io.cwd, out) || out}\n`);
      });
    };
    if (sub === 'create' && !wave) {
      if (!values.name || !values.size || values.strata === undefined || !values.allocation || values.seed === undefined) {
        throw new DiagError('USAGE', 'wave create needs --name, --size, --strata, --allocation and --seed');
      }
      if ((values.out === undefined) !== (values['base-url'] === undefined)) throw new DiagError('USAGE', 'give --out and --base-url together');
      const strata = values.strata.split(',').map((s) => s.trim()).filter(Boolean);
      for (const s of strata) oneOf(s, 'strata', STRATUM_VARIABLES, 'kind');
      const neyman = values['neyman-variable'];
      const name = values.name;
      const q = loadInstrument(values.questionnaire === undefined ? undefined : resolve(io.cwd, values.questionnaire));
      await withStore(async (store, dataDir) => {
        const created = await createWave(store, {
          instrument: instrumentRef(q),
          name,
          size: intOption(values.size, 'size', 0, 1),
          strata: strata as StratumVariable[],
          allocation: oneOf(values.allocation, 'allocation', ALLOCATION_METHODS, 'proportional'),
          seed: values.seed as string,
          slots: intOption(values.slots, 'slots', 3, 1),
          ...(values.frame ? { frame: values.frame } : {}),
          ...(neyman ? { neymanVariable: oneOf(neyman, 'neyman-variable', NEYMAN_VARIABLES, 'population') } : {}),
          dataDir,
        });
        printSample(io, created.sample);
        io.out(`wave ${name}: ${created.sample.units.length} invitations × ${created.wave.slots} slots stored; questionnaire ${instrumentRef(q).file} version ${q.version}; secret in ${created.secretFile}\n`);
      });
      if (values.out) await writeLinks(name);
      else io.out(`next: diag wave links ${name} --out links.csv --base-url https://…\n`);
      return 0;
    }
    if (sub === 'links' && wave && !extra.length) {
      await writeLinks(wave);
      return 0;
    }
    if (sub === 'close' && wave && !extra.length) {
      return withStore(async (store) => {
        const closed = await store.closeWave(wave);
        const invitations = await store.listInvitations(wave);
        const used = invitations.reduce((a, i) => a + i.slotsUsed, 0);
        io.out(`wave ${wave} closed at ${closed.closedAt}: ${used} responses in ${invitations.filter((i) => i.slotsUsed > 0).length} of ${invitations.length} JSTs\n`);
        return 0;
      });
    }
    if (sub === 'list' && !wave) {
      return withStore(async (store) => {
        const waves = await store.listWaves();
        io.out(waves.length ? table(['name', 'status', 'size', 'strata', 'allocation', 'seed', 'slots', 'questionnaire', 'created'], waves.map((w) => [w.name, w.status, w.sampleSize, w.strata.join(',') || '-', w.allocation, w.seed, w.slots, w.instrument ? `${w.instrument.file} ${w.instrument.version}` : '-', w.createdAt])) : 'no wave yet: diag wave create --help\n');
        return 0;
      });
    }
    const fieldwork = await fieldworkSubcommand(sub, positionals.slice(1), values, io);
    if (fieldwork !== null) return fieldwork;
    io.err(`diag wave: unknown or incomplete subcommand "${positionals.join(' ')}"; see diag wave --help\n`);
    return 64;
  },
});

function printSample(io: Io, s: StratifiedSample): void {
  io.out(`sample of ${s.size} from a frame of ${s.frameSize} JSTs, ${s.allocation} allocation, seed ${s.seed}\n`);
  const rows = s.strata.map((h) => [h.key, h.frameSize, h.target.toFixed(2), h.allocated, h.achieved, h.inclusionProbability.toFixed(4), h.baseWeight === null ? '-' : h.baseWeight.toFixed(3)]);
  const total = s.strata.reduce((a, h) => a + h.achieved, 0);
  io.out(table(['stratum', 'N_h', 'target', 'n_h', 'achieved', 'π', 'weight'], [...rows, ['total', s.frameSize, s.size.toFixed(2), s.size, total, '', '']]));
}
