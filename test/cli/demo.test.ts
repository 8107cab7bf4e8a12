/**
 * The main job (`npm start` = `diag demo`) end to end, as a user runs it: analysis, the three reports and the
 * six programmes, the store filled from the sample, and a live server whose printed invitation link and admin
 * token work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'diag.js');

/** `diag demo` on port 0 with its output and data folders, once it prints how to stop it. */
async function startDemo(out: string, data: string): Promise<{ child: ChildProcess; stdout: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'demo', '--port', '0', '--out', out], { env: { ...process.env, DIAG_DATA_DIR: data, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start in time:\n${stdout}`)), 90_000);
      child.stdout!.on('data', (b: Buffer) => {
        stdout += b.toString();
        if (stdout.includes('Stop with Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`demo exited early:\n${stdout}`)));
    });
  } catch (e) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw e;
  }
  return { child, stdout, exited };
}

describe('diag demo (npm start)', () => {
  it('writes the reports and programmes, serves the questionnaire and the dashboard, and stops cleanly on SIGINT', async () => {
    const out = mkdtempSync(join(tmpdir(), 'diag-demo-out-'));
    const data = mkdtempSync(join(tmpdir(), 'diag-demo-data-'));
    const { child, stdout, exited } = await startDemo(out, data);
    try {
      for (const f of ['raport-gminy-wiejskie.pdf', 'raport-gminy-miejskie.pdf', 'raport-powiaty.pdf', 'results.json']) expect(existsSync(join(out, f)), f).toBe(true);
      // the six programmes beside the reports, each as PDF and JSON
      for (const kind of ['gminy-wiejskie', 'gminy-miejskie', 'powiaty']) {
        for (const group of ['kadra-zarzadzajaca', 'pracownicy-operacyjni']) for (const ext of ['pdf', 'json']) expect(existsSync(join(out, `program-${kind}-${group}.${ext}`)), `${kind} ${group} ${ext}`).toBe(true);
      }
      expect(stdout).toContain('1500 sample responses imported');
      const link = /Questionnaire for .*?: (http:\/\/127\.0\.0\.1:\d+\/s\/[\w-]+)/.exec(stdout)?.[1];
      const token = /Admin token: ([\w-]+) \(new; kept in .*demo-admin-token, valid until \d{4}-\d\d-\d\d\)/.exec(stdout)?.[1];
      const base = /Server: (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      const dashboard = /Dashboard .*?: (http:\/\/\S+)/.exec(stdout)?.[1];
      expect(link && token && base).toBeTruthy();
      // the printed dashboard address opens the dashboard and carries the token in its fragment (never sent)
      expect(dashboard).toBe(`${base}/admin#token=${token}`);
      const page = await fetch(dashboard!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('dashboard.js');
      expect(statSync(join(data, 'secrets', 'demo-admin-token')).mode & 0o777).toBe(0o600);
      expect((await fetch(link!)).status).toBe(200);
      expect((await fetch(`${base}/api/admin/waves`)).status).toBe(401);
      const waves = await fetch(`${base}/api/admin/waves`, { headers: { authorization: `Bearer ${token}` } });
      expect(waves.status).toBe(200);
      expect(((await waves.json()) as { waves: { name: string }[] }).waves.map((w) => w.name)).toEqual(['demo-pilot', 'demo-pilot-reakcja', 'demo-pilot-koniec', 'demo-pilot-po-3-miesiacach']);
      // the pilot: its evaluation from the shipped synthetic data, and a link per pilot questionnaire that leads to it
      for (const f of ['ewaluacja-pilotazu.pdf', 'pilot-results.json', 'catalogue-changes.json', 'catalogue-changes.csv']) expect(existsSync(join(out, 'pilot', f)), f).toBe(true);
      expect(stdout).toMatch(/Pilot evaluation \(synthetic pilot in 30 JSTs, 120 officials linked by participant code\)/);
      const pilotLinks = ['module reaction', 'end of programme', 'three months later'].map((k) => new RegExp(`${k}[^:]*: (http://127\\.0\\.0\\.1:\\d+/s/[\\w-]+)`).exec(stdout)?.[1]);
      expect(stdout).toMatch(/participant code to try \(from data-samples\/pilot\/pilot-register\.csv\): [0-9A-Z]{4}-[0-9A-Z]{4}/);
      for (const [i, pilotLink] of pilotLinks.entries()) {
        expect(pilotLink, `pilot link ${i}`).toBeTruthy();
        const pilotPage = await fetch(pilotLink!);
        expect(pilotPage.status).toBe(200);
        expect(pilotPage.url).toMatch(/\/q\/[0-9a-f]{12}\/s\//);
        expect(await pilotPage.text()).toContain('id="survey"');
      }
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 150_000);

  it('says so when a kept data folder\'s demo wave collects another version of the questionnaire, rather than print a refused link', async () => {
    const out = mkdtempSync(join(tmpdir(), 'diag-demo-out-'));
    const data = mkdtempSync(join(tmpdir(), 'diag-demo-data-'));
    const { openStore } = await import('../../src/responses/store/open.ts');
    const { readFrameFile } = await import('../../src/sampling/frame-file.ts');
    const store = await openStore({ dataDir: data, databaseUrl: '' });
    try {
      const frame = readFrameFile(join(import.meta.dirname, '..', '..', 'data-samples', 'frame.csv'));
      await store.importFrame({ name: 'demo-synthetic', version: frame.version, source: 'frame.csv' }, frame.units);
      // the demo's own wave as an earlier version made it: the same draw, bound to the questionnaire as it was then
      const { createWave } = await import('../../src/responses/waves.ts');
      await createWave(store, { name: 'demo-pilot', size: 30, strata: ['kind'], allocation: 'proportional', seed: '2026', slots: 3, dataDir: data, instrument: { file: 'diagnoza-jst.json', version: '1.0', sha256: 'a'.repeat(64) } });
    } finally {
      await store.close();
    }
    const { child, stdout, exited } = await startDemo(out, data);
    try {
      expect(stdout).toContain('the demo wave demo-pilot in this data folder was created for diagnoza-jst.json version 1.0 as it was then (SHA-256 aaaaaaaaaaaa…), so its links are refused');
      expect(stdout).not.toMatch(/Questionnaire for .*: http/);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 150_000);
});
