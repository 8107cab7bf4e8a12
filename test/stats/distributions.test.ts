import { describe as suite, expect, it } from 'vitest';
import {
  betaInc, chiSquareCdf, chiSquareSf, gammaP, gammaQ, lnGamma, normalCdf, normalQuantile, normalSf,
  tCdf, tQuantile, tSf, tTwoSidedP,
} from '../../src/stats/index.ts';
import { expectClose, fixture } from './helpers.ts';

const ref = fixture('distributions.json');

// Tolerances. The functions are accurate to ~1e-14 relative in double precision; we allow
// 1e-10 relative (the target stated for the layer) everywhere, and an absolute floor of 1e-300 for
// values that underflow. The extreme tails (normal below −20, t at ν ≥ 1000 far out, χ² sf below 1e-20)
// are also held to 1e-10: the continued fractions and the large-ν expansion keep relative precision.
const RTOL = 1e-10;

suite('standard normal', () => {
  it.each(ref.normal as { x: number; cdf: number; sf: number }[])('Φ($x) and 1 − Φ($x) match scipy', ({ x, cdf, sf }) => {
    expectClose(normalCdf(x), cdf, RTOL, 1e-300, `cdf(${x})`);
    expectClose(normalSf(x), sf, RTOL, 1e-300, `sf(${x})`);
  });
  it.each(ref.normalQuantile as { p: number; q: number }[])('Φ⁻¹($p) matches scipy', ({ p, q }) => {
    // 1e-10 relative plus 1e-15 absolute for the quantile at p = ½ (0)
    expectClose(normalQuantile(p), q, RTOL, 1e-15, `ppf(${p})`);
  });
  it('handles the end points', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
  });
});

suite('Student t', () => {
  it.each(ref.t as { t: number; df: number; cdf: number; sf: number }[])('F($t; ν=$df) matches scipy', ({ t, df, cdf, sf }) => {
    expectClose(tCdf(t, df), cdf, RTOL, 1e-300, `cdf(${t}, ${df})`);
    expectClose(tSf(t, df), sf, RTOL, 1e-300, `sf(${t}, ${df})`);
  });
  it.each(ref.tQuantile as { p: number; df: number; q: number }[])('quantile($p; ν=$df) matches scipy', ({ p, df, q }) => {
    expectClose(tQuantile(p, df), q, RTOL, 0, `ppf(${p}, ${df})`);
  });
  it('is the normal distribution for infinite ν and symmetric', () => {
    expect(tCdf(1.3, Infinity)).toBe(normalCdf(1.3));
    expect(tQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
    expectClose(tQuantile(0.3, 7.7), -tQuantile(0.7, 7.7), 1e-13, 0, 'symmetry');
    expect(tTwoSidedP(0, 5)).toBe(1);
    expect(tQuantile(0.5, 3)).toBe(0);
    expect(tCdf(1, 0)).toBeNaN();
  });
  it('round-trips quantile and CDF for non-integer ν (Welch df)', () => {
    for (const df of [1.3, 3.7, 12.25, 250.5, 12345.6]) {
      for (const p of [1e-9, 0.01, 0.2, 0.8, 0.995]) {
        expectClose(tCdf(tQuantile(p, df), df), p, 1e-12, 0, `round trip ${p}, ${df}`);
      }
    }
  });
});

suite('chi-square', () => {
  it.each(ref.chiSquare as { x: number; k: number; cdf: number; sf: number }[])('χ²($x; k=$k) matches scipy', ({ x, k, cdf, sf }) => {
    expectClose(chiSquareCdf(x, k), cdf, RTOL, 1e-300, `cdf(${x}, ${k})`);
    expectClose(chiSquareSf(x, k), sf, RTOL, 1e-300, `sf(${x}, ${k})`);
  });
  it('returns 0 below the support and NaN for invalid k', () => {
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareCdf(-1, 3)).toBe(0);
    expect(chiSquareSf(1, 0)).toBeNaN();
  });
});

suite('special functions', () => {
  it('ln Γ at known values (exact: ln Γ(n) = ln (n−1)!, Γ(½) = √π)', () => {
    // ln Γ is used inside exponents, so its *absolute* error matters: ~ε·ln Γ(x + m) ≈ 13ε near 1.
    expectClose(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14, 0, 'lnΓ(½)');
    expectClose(lnGamma(1), 0, 0, 1e-14, 'lnΓ(1)');
    expectClose(lnGamma(11), Math.log(3628800), 1e-14, 0, 'lnΓ(11)');
    expectClose(lnGamma(171), 706.5730622457874, 1e-14, 0, 'lnΓ(171) (= ln 170!)');
  });
  it('incomplete gamma and beta at closed forms', () => {
    // P(1, x) = 1 − e^−x; I_x(a, 1) = x^a; I_x(2, 3) = 1 − 0.6⁴ − 4·0.4·0.6³ at x = 0.4
    expectClose(gammaP(1, 0.3), -Math.expm1(-0.3), 1e-14, 0, 'P(1, 0.3)');
    expectClose(gammaQ(1, 50), Math.exp(-50), 1e-13, 0, 'Q(1, 50)');
    expectClose(betaInc(3.5, 1, 0.7), 0.7 ** 3.5, 1e-14, 0, 'I_0.7(3.5, 1)');
    expectClose(betaInc(2, 3, 0.4), 1 - 0.6 ** 4 - 4 * 0.4 * 0.6 ** 3, 1e-14, 0, 'I_0.4(2, 3)');
  });
});
