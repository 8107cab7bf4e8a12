/**
 * The design-based tests against R survey 4.x (test/fixtures/stats/make_svytests.R on the committed
 * svytests-data.csv): svyttest (with svyglm's SE and svyby's means and variances), svyranktest
 * (two-sample and k-sample, unequal weights within ties, a lonely stratum), svychisq(statistic = "F")
 * with a category absent in one domain, and pf. Exact formulas throughout: 1e-9 relative.
 * Edge cases where R returns rounding residues (zero variance: t = ±Inf or a ratio of two residues;
 * design df 0: p NaN) must give null here, by the policy of src/stats/index.ts.
 */
import { describe as suite, expect, it } from 'vitest';
import { fSf, svyChisq, svyDesign, svyRankTest, svyTTest, type SurveyDesign } from '../../src/stats/index.ts';
import { arr, expectClose, expectNoNonFinite, fixture } from './helpers.ts';

const ref = fixture('svytests.json');
const RTOL = 1e-9;
const data = ref.data as Record<string, (string | number | null)[]>;
const n = data.id!.length;
const num = (k: string) => arr(data[k] as (number | null)[]);
const designs: Record<string, SurveyDesign> = {
  all: svyDesign({ weights: num('w'), cluster: data.jst as string[], stratum: data.stratum as string[] }),
  grp: svyDesign({ weights: num('wg'), cluster: data.jst as string[], stratum: data.stratum as string[] }),
  equal: svyDesign({ weights: new Float64Array(n).fill(1), cluster: data.jst as string[] }),
};
const column = (name: string) => (name === 'const' ? new Float64Array(n).fill(3) : num(name));
/** Domain codes: the i-th of `groups` → i; rows outside (or outside `within`) → NaN. */
function codes(by: string, groups: string[], within?: string | null): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    if (within && data.segment![i] !== within) return NaN;
    const k = groups.indexOf(data[by]![i] as string);
    return k < 0 ? NaN : k;
  });
}
const cases = (kind: string) => (ref.cases as any[]).filter((c) => c.kind === kind);
const edge = (c: { name: string }) => c.name.startsWith('edge:');

suite('svyTTest against R svyttest', () => {
  it.each(cases('ttest').filter((c) => !edge(c) || c.name.includes('lonely domain')))('$name', (c) => {
    const r = svyTTest(column(c.y), codes(c.by, c.groups, c.within), designs[c.design]!);
    const e = c.expected;
    for (const [mine, theirs] of [['difference', 'estimate'], ['se', 'se'], ['statistic', 't'], ['df', 'df'], ['p', 'p'], ['ciLow', 'ciLow'], ['ciHigh', 'ciHigh'], ['mean1', 'meanA'], ['mean2', 'meanB'], ['var1', 'varA'], ['var2', 'varB']] as const) {
      expectClose(r[mine], e[theirs], RTOL, 0, `${c.name}: ${mine}`);
    }
    expect(r.degf).toBe(e.degf);
    expectClose(r.cohensD, (e.meanA - e.meanB) / Math.sqrt((e.varA + e.varB) / 2), RTOL, 0, 'd');
    expectNoNonFinite(r);
  });

  it('gives no t for a variable constant in both domains (R: a rounding residue over a zero SE, p = 0)', () => {
    const c = cases('ttest').find((x) => x.name === 'edge: zero variance (t-test)');
    expect(c.expected.p).toBe(0); // R calls it significant
    const r = svyTTest(column('const'), codes('segment', ['a', 'b']), designs.all!);
    expect(r).toMatchObject({ mean1: 3, mean2: 3, difference: 0, se: 0, statistic: null, p: null, ciLow: null, cohensD: null });
  });

  it('gives only the other mean for an empty domain (R: NA)', () => {
    const c = cases('ttest').find((x) => x.name.startsWith('edge: empty domain'));
    expect(c.expected.estimate).toBeNull();
    const r = svyTTest(column('score'), codes('segment', ['a', 'z']), designs.all!);
    expectClose(r.mean1, c.expected.meanA, RTOL, 0, 'mean of a');
    expect(r).toMatchObject({ n2: 0, mean2: null, difference: null, statistic: null, p: null });
  });

  it('gives no test without design degrees of freedom (two JSTs of one stratum: R df 0, p NaN)', () => {
    const c = cases('ttest').find((x) => x.name.startsWith('edge: two JSTs'));
    expect(c.expected.df).toBe(0);
    expect(c.expected.p).toBeNull();
    const r = svyTTest(column('score'), codes('pair', ['x', 'y']), designs.all!);
    expectClose(r.difference, c.expected.estimate, RTOL, 0, 'difference');
    expect(r.degf).toBe(1);
    expect(r).toMatchObject({ statistic: null, df: null, p: null, ciLow: null });
  });
});

suite('svyRankTest against R svyranktest', () => {
  it.each(cases('rank2').filter((c) => !edge(c) || c.name.includes('against the rest')))('two domains: $name', (c) => {
    const r = svyRankTest(column(c.y), codes(c.by, c.groups, c.within), 2, designs[c.design]!);
    expect(r.groups).toBe(2);
    expectClose(r.estimate, c.expected.estimate, RTOL, 0, 'estimate');
    expectClose(r.statistic, c.expected.t, RTOL, 0, 't');
    expect(r.df).toBe(c.expected.df);
    expectClose(r.p, c.expected.p, RTOL, 0, 'p');
    expectClose(r.rankBiserial, 2 * c.expected.estimate, RTOL, 0, 'r');
    expectNoNonFinite(r);
  });

  it.each(cases('rankk').filter((c) => !edge(c)))('k domains: $name', (c) => {
    const r = svyRankTest(column(c.y), codes(c.by, c.groups), c.groups.length, designs[c.design]!);
    expect(r.groups).toBe(3);
    expectClose(r.chisq, c.expected.chisq, RTOL, 0, 'X²');
    expectClose(r.statistic, c.expected.chisq / c.expected.ndf, RTOL, 0, 'F');
    expect(r.df).toBe(c.expected.ndf);
    expect(r.df2).toBe(c.expected.ddf);
    expectClose(r.p, c.expected.p, RTOL, 0, 'p');
    expect(r.etaSquared!).toBeGreaterThanOrEqual(0);
    expect(r.etaSquared!).toBeLessThan(1);
  });

  it('makes the two-sample test when one of three domains is empty, as R (R: second level − first)', () => {
    const c = cases('rankk').find((x) => edge(x));
    expect(c.expected.twoSample).toBe(true);
    const r = svyRankTest(column('item'), codes('segment', ['a', 'b', 'z']), 3, designs.all!);
    expect(r.groups).toBe(2);
    expectClose(r.estimate, -c.expected.estimate, RTOL, 0, 'estimate');
    expectClose(r.statistic, -c.expected.t, RTOL, 0, 't');
    expectClose(r.p, c.expected.p, RTOL, 0, 'p');
    expect(r.n[2]).toBe(0);
  });

  it('gives no test when every value is tied (R: a ratio of rounding residues, t = −1.18)', () => {
    const c = cases('rank2').find((x) => x.name.startsWith('edge: zero variance'));
    expect(Math.abs(c.expected.t)).toBeGreaterThan(1);
    const r = svyRankTest(column('const'), codes('segment', ['a', 'b']), 2, designs.all!);
    expect(r).toMatchObject({ groups: 2, estimate: 0, statistic: null, p: null });
  });

  it('gives no test with one domain empty (R stops: "contrasts can be applied only to factors with 2 or more levels")', () => {
    const c = cases('rank2').find((x) => x.name.startsWith('edge: empty domain'));
    expect(c.error).toMatch(/2 or more levels/);
    const r = svyRankTest(column('item'), codes('segment', ['a', 'z']), 2, designs.all!);
    expect(r).toMatchObject({ groups: 1, estimate: null, statistic: null, p: null });
  });

  it('ranks ties by the weighted mid-rank when the weights of a value are equal', () => {
    // y = [1, 2, 2, 3], w = [1, 2, 2, 1]: N = 6; mid-ranks 0 + 1/2, 1 + 4/2, 1 + 4/2, 5 + 1/2 → scores 1/12,
    // 1/2, 1/2, 11/12; weighted means (1·1/12 + 2·1/2)/3 = 13/36 and (2·1/2 + 1·11/12)/3 = 23/36.
    const design = svyDesign({ weights: [1, 2, 2, 1], cluster: [1, 2, 3, 4] });
    const r = svyRankTest([1, 2, 2, 3], [0, 0, 1, 1], 2, design);
    expectClose(r.meanScore[0], 13 / 36, 1e-15, 0, 'domain 0');
    expectClose(r.meanScore[1], 23 / 36, 1e-15, 0, 'domain 1');
    expectClose(r.estimate, -10 / 36, 1e-14, 0, 'estimate');
  });
});

suite('svyChisq against R svychisq(statistic = "F")', () => {
  it.each(cases('chisq'))('$name', (c) => {
    const rows = codes(c.by, c.groups);
    const cols = num(c.x).map((v) => (v !== v ? NaN : c.x === 'choice' ? v - 1 : v));
    const r = svyChisq(rows, cols, c.groups.length, c.x === 'choice' ? 4 : 2, designs[c.design]!);
    expect(r.n).toBe(c.expected.N);
    for (const [mine, theirs] of [['statistic', 'F'], ['df', 'ndf'], ['df2', 'ddf'], ['p', 'p'], ['pearson', 'pearson'], ['cramersV', 'cramersV']] as const) {
      expectClose(r[mine], c.expected[theirs], RTOL, 0, `${c.name}: ${mine}`);
    }
    expectNoNonFinite(r);
  });

  it('keeps only the categories that occur (category 4 is absent in segment c, present elsewhere)', () => {
    const cols = num('choice').map((v) => v - 1);
    const r = svyChisq(codes('segment', ['c']), cols, 1, 4, designs.all!);
    expect(r).toMatchObject({ rows: 1, columns: 3, statistic: null, p: null });
  });

  it('gives no test for an answer nobody varies on', () => {
    const r = svyChisq(codes('segment', ['a', 'b', 'c']), new Float64Array(n).fill(0), 3, 2, designs.all!);
    expect(r).toMatchObject({ columns: 1, statistic: null, p: null, cramersV: null });
  });
});

suite('fSf against R pf(lower.tail = FALSE)', () => {
  it.each(ref.fdist as any[])('F($df1, $df2) above $f', ({ f, df1, df2, sf }) => {
    expectClose(fSf(f, df1, df2), sf, RTOL, 0, 'sf');
  });
});
