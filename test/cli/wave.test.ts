import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/responses/store/tokens.ts';
import { runCli } from '../helpers/io.ts';
import { allBytes, useDataDir } from './data-dir.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = useDataDir();
const CREATE = ['wave', 'create', '--size', '100', '--strata', 'kind,voivodeship', '--allocation', 'proportional'];

async function loadFrame(): Promise<void> {
  const run = await runCli(['frame', 'import', 'data-samples/frame.csv'], root);
  expect(run.code).toBe(0);
}

async function sampled(wave: string): Promise<string[]> {
  const store = await data.open();
  const teryt = (await store.listInvitations(wave)).map((i) => i.teryt);
  await store.close();
  return teryt;
}

function tokensOf(csvPath: string): string[] {
  return readFileSync(csvPath, 'utf8').trim().split('\r\n').slice(1).map((line) => line.split(';').pop()?.split('/s/')[1] ?? '');
}

describe('diag wave', () => {
  it('draws the same sample from the same seed, and another from another seed', async () => {
    await loadFrame();
    const a = await runCli([...CREATE, '--name', 'a', '--seed', '2026'], root);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^stratum\s+N_h\s+target\s+n_h\s+achieved\s+π\s+weight$/m);
    expect(a.out).toMatch(/^total\s+2791\s+100\.00\s+100\s+100/m);
    expect(a.out).toContain('wave a: 100 invitations × 3 slots stored');
    await runCli([...CREATE, '--name', 'b', '--seed', '2026'], root);
    await runCli([...CREATE, '--name', 'c', '--seed', '2027'], root);
    const [sa, sb, sc] = [await sampled('a'), await sampled('b'), await sampled('c')];
    expect(sa).toHaveLength(100);
    expect(sb).toEqual(sa);
    expect(sc).not.toEqual(sa);
  });

  it('gives every sampled JST a token of at least 128 bits and stores only its hash', async () => {
    await loadFrame();
    const links = join(data.dir, 'links.csv');
    const run = await runCli([...CREATE, '--name', 'w1', '--seed', '1', '--slots', '2', '--out', links, '--base-url', 'https://ankieta.example.pl/'], root);
    expect(run.code).toBe(0);
    const csv = readFileSync(links, 'utf8');
    expect(csv.startsWith('\uFEFFteryt;name;kind;voivodeship;slots;link\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toMatch(/^\d{7};[^;]+;[a-z_]+;\d{2};2;https:\/\/ankieta\.example\.pl\/s\/[A-Za-z0-9_-]+$/);
    const tokens = tokensOf(links);
    expect(tokens).toHaveLength(100);
    expect(new Set(tokens).size).toBe(100);
    for (const t of tokens) expect(Buffer.from(t, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(statSync(join(data.dir, 'secrets', 'wave-w1.key')).mode & 0o077).toBe(0);
    const db = allBytes(data.dir, ['secrets', 'links.csv']).toString('latin1');
    for (const t of tokens) expect(db.includes(t)).toBe(false);
    expect(db.includes(hashToken(tokens[0]!))).toBe(true);
    const store = await data.open();
    const found = await store.findInvitation(hashToken(tokens[0]!));
    await store.close();
    expect(found?.wave.name).toBe('w1');
  });

  it('prints the same links again from the wave secret, and refuses without it', async () => {
    await loadFrame();
    const first = join(data.dir, 'first.csv');
    const second = join(data.dir, 'second.csv');
    await runCli([...CREATE, '--name', 'w1', '--seed', '1', '--out', first, '--base-url', 'https://a.pl'], root);
    const again = await runCli(['wave', 'links', 'w1', '--out', second, '--base-url', 'https://a.pl'], root);
    expect(again.out).toContain('100 links of wave w1 written');
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
    process.env.DIAG_DATA_DIR = join(data.dir, 'elsewhere');
    const without = await runCli(['wave', 'links', 'w1', '--out', second, '--base-url', 'https://a.pl'], root);
    expect(without.code).toBe(2);
  });

  it('closes a wave: it is listed as closed and takes no more answers', async () => {
    await loadFrame();
    await runCli([...CREATE, '--name', 'w1', '--seed', '1'], root);
    const run = await runCli(['wave', 'close', 'w1'], root);
    expect(run.out).toMatch(/wave w1 closed at .*: 0 responses in 0 of 100 JSTs/);
    expect((await runCli(['wave', 'list'], root)).out).toMatch(/^w1\s+closed\s+100\s+kind,voivodeship\s+proportional/m);
  });

  it.each([
    [['wave', 'create', '--name', 'x'], 64, 'wave create needs --name, --size, --strata, --allocation and --seed'],
    [[...CREATE, '--name', 'x y', '--seed', '1'], 64, '--name must be'],
    [[...CREATE, '--name', 'x', '--seed', '1', '--allocation', 'optimal'], 64, '--allocation must be one of proportional, equal, neyman'],
    [['wave', 'close', 'nope'], 2, 'no wave named "nope"'],
    [['wave', 'links', 'w', '--out', 'x.csv'], 64, 'links need both --out FILE and --base-url URL'],
    [['wave', 'fly'], 64, 'unknown or incomplete subcommand'],
  ])('answers %j with exit status %i', async (args, code, message) => {
    await loadFrame();
    const run = await runCli(args, data.dir);
    expect(run.code).toBe(code);
    expect(run.err).toContain(message);
  });

  it('refuses a wave when the store holds no frame', async () => {
    const run = await runCli([...CREATE, '--name', 'w1', '--seed', '1'], root);
    expect(run.code).toBe(2);
    expect(run.err).toContain('the store holds no sampling frame');
  });
});
