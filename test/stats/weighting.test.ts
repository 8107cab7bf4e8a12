import { describe as suite, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { kish, poststratify, rake } from '../../src/stats/index.ts';
import { arr, expectClose, fixture } from './helpers.ts';

const ref = fixture('weighting.json');

suite('kish', () => {
  it('matches (Σw)²/Σw² over positive weights (exact formula, 1e-12 relative)', () => {
    const r = kish(ref.kish.weights);
    expect(r.n).toBe(ref.kish.n);
    expectClose(r.sumWeights, ref.kish.sumWeights, 1e-12, 0, 'sum');
    expectClose(r.nEff, ref.kish.nEff, 1e-12, 0, 'nEff');
    expectClose(r.deff, ref.kish.deff, 1e-12, 0, 'deff');
  });
  it('is n for equal weights and null for no positive weight', () => {
    expect(kish([2, 2, 2])).toMatchObject({ n: 3, nEff: 3, deff: 1 });
    expect(kish([])).toMatchObject({ n: 0, nEff: null, deff: null });
    expect(kish([0, 0])).toMatchObject({ n: 0, nEff: null, deff: null });
  });
  it('rejects negative or non-finite weights', () => {
    expect(() => kish([1, -2])).toThrow(DiagError);
    expect(() => kish([1, Infinity])).toThrow(DiagError);
    expect(() => kish([Number.NaN])).toThrow(DiagError);
  });
});

suite('rake', () => {
  const { codes, targets, baseWeights, weights } = ref.rake;
  it('converges to the same fixed point as an independent IPF (1e-9 relative)', () => {
    const r = rake(
      [
        { codes: codes[0], targets: targets[0] },
        { codes: codes[1], targets: targets[1] },
      ],
      { baseWeights, tolerance: 1e-13, maxIterations: 1000 },
    );
    expect(r.status).toBe('converged');
    // Both runs stop within 1e-13–1e-14 of the fixed point; 1e-9 leaves room for the different stopping points.
    (weights as number[]).forEach((w, i) => expectClose(r.weights![i], w, 1e-9, 0, `w[${i}]`));
    expect(r.maxRelativeError!).toBeLessThan(1e-12);
    expect(r.targetTotals).toEqual([2477, 2477]);
  });

  it('reports non-convergence when margins disagree, keeping the last weights', () => {
    const r = rake(
      [
        { codes: [0, 1, 0, 1], targets: [10, 10] },
        { codes: [0, 0, 1, 1], targets: [15, 15] },
      ],
      { maxIterations: 20 },
    );
    expect(r.status).toBe('not_converged');
    expect(r.iterations).toBe(20);
    expect(r.weights).not.toBeNull();
    expect(r.maxRelativeError!).toBeGreaterThan(0.1);
    expect(r.targetTotals).toEqual([20, 30]);
  });

  it('reports a category with a target but no respondents', () => {
    const r = rake([{ codes: [0, 0, 2], targets: [5, 7, 9] }]);
    expect(r.status).toBe('empty_category');
    expect(r.weights).toBeNull();
    expect(r.emptyCategories).toEqual([{ margin: 0, category: 1, target: 7 }]);
  });

  it('leaves respondents with a missing code out of that margin only', () => {
    const r = rake(
      [
        { codes: arr([0, 1, null, 1]), targets: [4, 6] },
        { codes: [0, 0, 1, 1], targets: [5, 8] },
      ],
      { tolerance: 1e-12, maxIterations: 500 },
    );
    expect(r.status).toBe('converged');
    expect(r.missing).toEqual([1, 0]);
    const w = r.weights!;
    expectClose(w[0]!, 4, 1e-9, 0, 'margin 1 cat 0');
    expectClose(w[1]! + w[3]!, 6, 1e-9, 0, 'margin 1 cat 1');
    expectClose(w[0]! + w[1]!, 5, 1e-9, 0, 'margin 2 cat 0');
    expectClose(w[2]! + w[3]!, 8, 1e-9, 0, 'margin 2 cat 1');
    // unique solution w = [4, 1, 3, 5]
    expectClose(w[2]!, 3, 1e-9, 0, 'w2');
  });

  it('zeroes the weights of a category whose target is 0', () => {
    const r = rake([{ codes: [0, 1, 1], targets: [3, 0] }]);
    expect(Array.from(r.weights!)).toEqual([3, 0, 0]);
  });

  it('rejects programmer errors', () => {
    expect(() => rake([])).toThrow(DiagError);
    expect(() => rake([{ codes: [0, 3], targets: [1, 1] }])).toThrow(/code/);
    expect(() => rake([{ codes: [0, 1], targets: [1, -1] }])).toThrow(/targets/);
    expect(() => rake([{ codes: [0, 1], targets: [1, 1] }, { codes: [0], targets: [2] }])).toThrow(/length/);
    expect(() => rake([{ codes: [0, 1], targets: [1, 1] }], { baseWeights: [1, -1] })).toThrow(/weights/);
  });
});

suite('poststratify', () => {
  it('matches w·N_g/Σ_g w (exact, 1e-12 relative)', () => {
    const { codes, targets, baseWeights, weights } = ref.poststratify;
    const r = poststratify(codes, targets, baseWeights);
    expect(r.status).toBe('converged');
    (weights as number[]).forEach((w, i) => expectClose(r.weights![i], w, 1e-12, 0, `w[${i}]`));
  });
  it('works from unit weights and flags an empty stratum', () => {
    expect(Array.from(poststratify([0, 0, 1], [50, 50]).weights!)).toEqual([25, 25, 50]);
    const empty = poststratify([0, 0], [50, 50]);
    expect(empty.status).toBe('empty_category');
    expect(empty.emptyCategories[0]).toMatchObject({ category: 1 });
  });
});
