import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/responses/store/tokens.ts';
import { runCli } from '../helpers/io.ts';
import { allBytes, useDataDir } from './data-dir.ts';

const data = useDataDir();

describe('diag admin token create', () => {
  it('prints a 256-bit token once and stores only its hash', async () => {
    const run = await runCli(['admin', 'token', 'create', '--name', 'Zespół analiz']);
    expect(run.code).toBe(0);
    const token = run.out.trim();
    expect(Buffer.from(token, 'base64url').length).toBe(32);
    expect(run.err).toContain('printed above once');
    const bytes = allBytes(data.dir).toString('latin1');
    expect(bytes.includes(token)).toBe(false);
    const store = await data.open();
    expect(await store.findAdminToken(hashToken(token))).toMatchObject({ name: 'Zespół analiz' });
    await store.close();
    const second = await runCli(['admin', 'token', 'create', '--name', 'Zespół analiz']);
    expect(second.out.trim()).not.toBe(token);
  });

  it.each([
    [['admin', 'token', 'create'], '--name NAME is required'],
    [['admin', 'token'], 'the only subcommand is'],
  ])('answers %j with a usage error', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(64);
    expect(run.err).toContain(message);
  });
});

describe('--help of the store commands', () => {
  it.each(['import', 'export', 'frame', 'wave', 'admin'])('diag %s --help', async (name) => {
    const run = await runCli([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`diag ${name} — `);
    expect(run.out).toContain('DIAG_DATA_DIR');
  });
});
