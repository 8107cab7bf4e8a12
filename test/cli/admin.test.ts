import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExpiry } from '../../src/cli/admin.ts';
import { demoAdminToken } from '../../src/cli/demo.ts';
import { openStore } from '../../src/responses/store/open.ts';
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
    [['admin', 'token'], 'the subcommands are'],
    [['admin', 'token', 'create', '--name', 'x', '--expires', 'soon'], '--expires must be a span such as 30d'],
    [['admin', 'token', 'create', '--name', 'x', '--expires', '2020-01-01'], 'is not in the future'],
    [['admin', 'token', 'create', '--name', 'x', '--expires', '2027-02-30'], '--expires must be'],
    [['admin', 'token', 'create', '--name', '123'], 'cannot be only digits'],
    [['admin', 'token', 'create', '--name', 'a\u0000b'], '--name contains a NUL character'],
    [['admin', 'token', 'revoke'], 'needs one NAME or ID'],
    [['admin', 'token', 'list', '--name', 'x'], 'belong to `admin token create`'],
  ])('answers %j with a usage error', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(64);
    expect(run.err).toContain(message);
  });
});

describe('diag admin token list and revoke, and expiry', () => {
  it('lists every token with id, name, status and dates, never the token or its hash; a revoked token stops working', async () => {
    const a = (await runCli(['admin', 'token', 'create', '--name', 'analityk', '--expires', '30d'])).out.trim();
    const b = (await runCli(['admin', 'token', 'create', '--name', 'zespół'])).out.trim();
    const list = await runCli(['admin', 'token', 'list']);
    expect(list.code).toBe(0);
    const lines = list.out.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+status\s+created\s+expires\s+revoked$/);
    expect(lines[1]).toMatch(/^\s*1\s+analityk\s+active\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+—$/);
    expect(lines[2]).toMatch(/^\s*2\s+zespół\s+active\s+.*—\s+—$/);
    for (const secret of [a, b, hashToken(a), hashToken(b), hashToken(a).slice(0, 12)]) expect(list.out + list.err).not.toContain(secret);

    const revoke = await runCli(['admin', 'token', 'revoke', 'zespół']);
    expect(revoke.code).toBe(0);
    expect(revoke.out).toMatch(/2\s+zespół\s+revoked/);
    expect(revoke.err).toContain('1 admin token revoked');
    const byId = await runCli(['admin', 'token', 'revoke', '1']);
    expect(byId.out).toMatch(/1\s+analityk\s+revoked/);
    const store = await data.open();
    expect(await store.findAdminToken(hashToken(a))).toBeNull();
    expect(await store.findAdminToken(hashToken(b))).toBeNull();
    await store.close();
    const unknown = await runCli(['admin', 'token', 'revoke', 'nikt']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no admin token with id or name "nikt"');
  });

  it('gives a token an expiry: a span from now, or through a given day', () => {
    const now = new Date(2026, 10, 24, 15, 30);
    expect(parseExpiry('30d', now).getTime() - now.getTime()).toBe(30 * 86_400_000);
    expect(parseExpiry('12h', now).getTime() - now.getTime()).toBe(12 * 3_600_000);
    expect(parseExpiry('2w', now).getTime() - now.getTime()).toBe(14 * 86_400_000);
    expect(parseExpiry('2026-12-31', now)).toEqual(new Date(2027, 0, 1));
    expect(parseExpiry('2027-01-01T08:00:00Z', now).toISOString()).toBe('2027-01-01T08:00:00.000Z');
  });
});

describe('the demo admin token (npm start)', () => {
  it('is made once, kept owner-only in secrets/, reused while valid, and replaced when revoked', async () => {
    const store = await data.open();
    try {
      const first = await demoAdminToken(store, data.dir);
      expect(first.reused).toBe(false);
      expect(first.file).toBe(join(data.dir, 'secrets', 'demo-admin-token'));
      expect((statSync(first.file).mode & 0o777).toString(8)).toBe('600');
      expect(readFileSync(first.file, 'utf8').trim()).toBe(first.token);
      expect(await store.findAdminToken(hashToken(first.token))).toMatchObject({ name: 'demo' });
      const again = await demoAdminToken(store, data.dir);
      expect(again).toMatchObject({ token: first.token, reused: true });
      expect(await store.listAdminTokens()).toHaveLength(1);
      await store.revokeAdminToken('demo');
      const next = await demoAdminToken(store, data.dir);
      expect(next.reused).toBe(false);
      expect(next.token).not.toBe(first.token);
      expect((await store.listAdminTokens()).map((t) => t.status)).toEqual(['revoked', 'active']);
    } finally {
      await store.close();
    }
  });

  it('replaces an expired one, revoking what is left of it', async () => {
    const store = await data.open();
    const first = await demoAdminToken(store, data.dir);
    await store.close();
    const later = await openStore({ dataDir: data.dir, databaseUrl: '', now: () => new Date(Date.now() + 31 * 86_400_000) });
    try {
      const next = await demoAdminToken(later, data.dir);
      expect(next.reused).toBe(false);
      expect(next.token).not.toBe(first.token);
    } finally {
      await later.close();
    }
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
