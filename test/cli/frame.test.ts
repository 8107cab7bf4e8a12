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

  it('stores a later full register beside an earlier copy cut short of the same date, never "nothing changed"', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const lines = readFileSync(TERC, 'utf8').split('\r\n');
    // a copy cut inside the last voivodeship's cities is refused as incomplete ...
    const cut = `${data.dir}/cut.csv`;
    writeFileSync(cut, lines.slice(0, lines.findIndex((l) => l.startsWith('32;62;01;1;')) + 1).join('\r\n'));
    const refused = await runCli(['frame', 'import', cut], root);
    expect(refused.code).toBe(4);
    expect(refused.err).toContain('is not the whole TERYT TERC register');
    expect(refused.err).toContain('expected at least 21 county-level units in voivodeship 32 zachodniopomorskie');
    // ... and a bad frame stored by a version of diag that did not check is not what a full register is compared with
    const store = await data.open();
    const { readFrameFile } = await import('../../src/sampling/frame-file.ts');
    const full = readFrameFile(TERC).units;
    await store.importFrame({ name: 'TERC', version: '2022-01-01', source: 'cut.csv' }, full.slice(0, 1000));
    await store.close();
    const run = await runCli(['frame', 'import', TERC], root);
    expect(run.code).toBe(0);
    expect(run.out).toContain('a different frame "TERC" version 2022-01-01 (1000 units) is already stored as frame 1; this one has other content');
    expect(run.out).toMatch(/stored as frame 2 "TERC" version 2022-01-01\+[0-9a-f]{8} \(content SHA-256 [0-9a-f]{12}…\), now the latest "TERC"/);
    const again = await runCli(['frame', 'import', TERC], root);
    expect(again.out).toContain('already stored as frame 2');
    expect(again.out).toContain('with the same content');
  });

  it('accepts a fully quoted, comma-separated register and names its separator', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const quoted = readFileSync(TERC, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((l) => l.split(';').map((f) => `"${f}"`).join(',')).join('\n');
    const path = `${data.dir}/terc-quoted.csv`;
    writeFileSync(path, quoted);
    const run = await runCli(['frame', 'import', path], root);
    expect(run.err).toBe('');
    expect(run.out).toContain('TERC register of 2022-01-01 (fields separated by ","), 2791 JSTs');
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
