/**
 * `diag programmes`: the six programmes from results.json and a frame, under a rollout plan from a file,
 * and clear errors for a bad plan or missing input.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLAN } from '../../src/recommendations/rollout.ts';
import { runCli } from '../helpers/io.ts';

const root = join(import.meta.dirname, '..', '..');
const frame = join(root, 'data-samples/frame.csv');

describe('diag programmes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diag-cli-programmes-'));
  const results = join(dir, 'results.json');

  beforeAll(async () => {
    const r = await runCli(['analyze', '--data', join(root, 'data-samples/responses.csv'), '--frame', frame, '--date', '2026-11-24', '--out', results]);
    expect(r.code).toBe(0);
  }, 120_000);

  it('prints the default rollout plan', async () => {
    const r = await runCli(['programmes', '--print-plan']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(DEFAULT_PLAN);
  });

  it('writes six programmes as PDF and JSON, under the plan given', async () => {
    const out = join(dir, 'out');
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, JSON.stringify({ rollout: { jsts: 100 }, maxGroupSize: 12 }));
    const r = await runCli(['programmes', '--results', results, '--frame', frame, '--plan', plan, '--date', '2026-11-24', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toHaveLength(12);
    expect(r.out).toContain('6 programmes written');
    const doc = JSON.parse(readFileSync(join(out, 'program-gminy-wiejskie-kadra-zarzadzajaca.json'), 'utf8'));
    expect(doc.scale.plan.rollout.jsts).toBe(100);
    expect(doc.scale.plan.maxGroupSize).toBe(12);
    expect(doc.scale.rollout.jsts).toBe(78); // 100 × 2,175 / 2,791, the largest remainder
  }, 120_000);

  it('names the file and the field of a bad plan, and asks for input', async () => {
    const plan = join(dir, 'bad.json');
    writeFileSync(plan, JSON.stringify({ rollout: { participantsPerJst: { management: 1, operational: 1 } } }));
    const bad = await runCli(['programmes', '--results', results, '--plan', plan]);
    expect(bad.code).toBe(4);
    expect(bad.err).toContain('bad.json');
    expect(bad.err).toContain('participantsPerJst');
    const none = await runCli(['programmes', '--out', dir]);
    expect(none.code).toBe(64);
    expect(none.err).toMatch(/--data FILE .* or --results FILE/);
  });
});
