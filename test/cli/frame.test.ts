import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/io.ts';
import { useDataDir } from './data-dir.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TERC = resolve(root, '..', 'shared', 'data', 'TERC_2022-01-01.csv');
const data = useDataDir();

describe('diag frame import', () => {
  it('loads the official TERC register of 2022-01-01 with the official counts per kind', async () => {
    const run = await runCli(['frame', 'import', TERC], root);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('TERC register of 2022-01-01, 2791 JSTs');
    for (const [kind, n] of [['rural', 1513], ['urban_rural', 662], ['urban', 236], ['city_county', 66], ['county', 314]] as const) {
      expect(run.out).toMatch(new RegExp(`^${kind}\\s+${n}\\s`, 'm'));
    }
    expect(run.out).toContain('stored as frame 1 "TERC" version 2022-01-01');
    const store = await data.open();
    const units = await store.frameUnits(1);
    await store.close();
    expect(units).toHaveLength(2791);
    expect(units.find((u) => u.teryt === '1465011')).toMatchObject({ name: 'Warszawa', kind: 'city_county', voivodeship: '14' });
    expect(units.find((u) => u.teryt === '0201000')).toMatchObject({ name: 'powiat bolesławiecki', kind: 'county' });
  });

  it('loads the same register once', async () => {
    await runCli(['frame', 'import', TERC], root);
    const again = await runCli(['frame', 'import', TERC, '--name', 'TERC'], root);
    expect(again.out).toContain('already stored as frame 1');
    expect((await runCli(['frame', 'list'], root)).out.trim().split('\n')).toHaveLength(2);
  });

  it('loads the synthetic frame CSV under its file name', async () => {
    const run = await runCli(['frame', 'import', 'data-samples/frame.csv'], root);
    expect(run.out).toContain('data-samples/frame.csv: frame CSV, 2791 JSTs');
    expect(run.out).toMatch(/stored as frame 1 "frame" version [0-9a-f]{12}/);
  });

  it.each([
    [['frame'], 64, 'use `frame import FILE'],
    [['frame', 'import', 'nope.csv'], 2, 'cannot read nope.csv'],
    [['frame', 'import', 'package.json'], 4, 'FRAME_INVALID'],
  ])('answers %j with exit status %i', async (args, code, message) => {
    const run = await runCli(args, root);
    expect(run.code).toBe(code);
    expect(run.err).toContain(message);
  });
});
