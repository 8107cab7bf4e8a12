/**
 * The MWDS bootstrap gives the same intervals wherever it runs: in a worker thread (shared memory,
 * Atomics) or in the main thread, on the shipped sample, every cell.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.ts';
import { prepareData } from '../../src/dataset/prepared.ts';
import { bootstrapCost, startBootstrap } from '../../src/analysis/bootstrap-parallel.ts';
import { DEFAULT_CONFIG } from '../../src/analysis/config.ts';
import { readResponsesCsv } from '../../src/responses/csv.ts';
import { readFrameFile } from '../../src/sampling/frame-file.ts';
import { shippedQuestionnaire } from '../helpers/questionnaire.ts';

const root = join(import.meta.dirname, '..', '..');
const q = shippedQuestionnaire();
const prepared = prepareData(q, readResponsesCsv(q, readFileSync(join(root, 'data-samples/responses.csv')), 'r.csv').responses);
const frame = readFrameFile(join(root, 'data-samples/frame.csv'), 'frame.csv').units;
const run = (parallel: 'never' | 'always') =>
  analyze({ questionnaire: q, prepared, frame, config: { ...DEFAULT_CONFIG, weights: 'frame' }, source: { dataFile: 'x', dataSha256: 'x' }, now: new Date('2026-11-24T12:00:00Z'), parallel });

describe('bootstrap in a worker thread', () => {
  it('gives exactly the priorities of the main thread in every cell', { timeout: 60_000 }, () => {
    const inWorker = run('always').priorities;
    const inMain = run('never').priorities;
    expect(inWorker).toEqual(inMain);
    const cis = inMain.cells.flatMap((c) => ('items' in c ? c.items.map((i) => i.ciLow) : []));
    expect(cis.filter((x) => x !== null).length).toBeGreaterThan(500);
  });

  it('a small job stays in the main thread; a large one goes to the worker', () => {
    const spec = { stats: 5, variants: 2, replicates: 1000, seed: 's', level: 0.95, exactUpToJsts: 500 };
    const cell = (J: number) => ({
      key: `k${J}`, J, sums: new Float64Array(J * 30).map((_, x) => (x % 3 === 2 ? 2 : (x * 7919) % 5)),
      stratum: Int32Array.from({ length: J }, (_, j) => j % 3), strataSize: Int32Array.from([J, J, J]),
    });
    expect(bootstrapCost([cell(10)], spec)).toBeLessThan(1e8);
    expect(startBootstrap([cell(10)], spec).where).toBe('main');
    const big = Array.from({ length: 60 }, () => cell(400));
    expect(bootstrapCost(big, spec)).toBeGreaterThan(1e8);
    const parallel = startBootstrap(big, spec);
    expect(parallel.where).toBe('worker');
    const serial = startBootstrap(big, spec, 'never');
    expect(Array.from(parallel.intervals(3))).toEqual(Array.from(serial.intervals(3)));
  });
});
