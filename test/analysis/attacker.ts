/**
 * An attacker who reads only results.json and subtracts: written independently of src/analysis/disclosure
 * and src/stats/cell-suppression.ts, from what a reader of the published file knows.
 *
 * Knowledge: every published n, sum (n × mean), sum of squares ((n − 1) SD² + n × mean²) and count, and
 * the additive relations between tables — within the segment × staff-group grid (all staff = management +
 * operational; all segments = the three segments), a breakdown's categories adding up to their segment,
 * a distribution's counts adding up to its n (and to its sum and sum of squares through the mean and SD),
 * a choice's options adding up to its n, a checkbox option's base = chosen + not chosen, coverage rows
 * adding up to the segment, and figures published twice (a test's or a priorities cell's n is the n of the
 * cell it describes). Attack: substitution (every relation with one unknown left gives it away, repeated
 * until nothing changes), then Gaussian elimination of what remains; and whole-number bounds (a withheld
 * count is at least 1).
 */
import type { Results } from '../../src/analysis/results-schema.ts';

type Term = [string, number];
interface Equation { terms: Term[]; constant: number }

export interface Exposure {
  unknown: string;
  value: number;
  how: string;
}

export class Attacker {
  private readonly known = new Map<string, number>();
  private readonly unknown = new Set<string>();
  /** unknowns that are counts of respondents (whole numbers ≥ 1 when withheld) */
  private readonly counts = new Set<string>();
  private readonly equations: Equation[] = [];
  readonly published: { what: string; n: number }[] = [];

  know(id: string, value: number, isCount = false): void {
    this.known.set(id, value);
    if (isCount) this.published.push({ what: id, n: value });
  }

  withheld(id: string, isCount: boolean): void {
    if (!this.known.has(id)) this.unknown.add(id);
    if (isCount) this.counts.add(id);
  }

  /** Σ coef × value = 0 over the given ids (known or not). */
  relate(terms: Term[], constant = 0): void {
    this.equations.push({ terms, constant });
  }

  /** Every withheld value the attack recovers. */
  attack(): Exposure[] {
    const solved = new Map<string, number>();
    const value = (id: string) => this.known.get(id) ?? solved.get(id);
    const out: Exposure[] = [];
    // 1. substitution
    let progress = true;
    while (progress) {
      progress = false;
      for (const e of this.equations) {
        const open = e.terms.filter(([id]) => value(id) === undefined);
        if (open.length !== 1) continue;
        if (open.some(([id]) => !this.unknown.has(id))) continue; // a term never published nor withheld: not usable
        const [id, a] = open[0]!;
        let rest = e.constant;
        for (const [x, c] of e.terms) if (x !== id) rest += c * value(x)!;
        const v = -rest / a;
        solved.set(id, v);
        out.push({ unknown: id, value: v, how: 'subtraction' });
        progress = true;
      }
    }
    // 2. elimination over what is left, one connected group of unknowns at a time
    const ids = [...this.unknown].filter((id) => !solved.has(id));
    const parent = new Map(ids.map((id) => [id, id]));
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r)!;
      parent.set(x, r);
      return r;
    };
    const usable = this.equations.filter((e) => e.terms.every(([id]) => value(id) !== undefined || parent.has(id)) && e.terms.some(([id]) => value(id) === undefined));
    for (const e of usable) {
      const open = e.terms.filter(([id]) => value(id) === undefined).map(([id]) => find(id));
      for (const o of open.slice(1)) parent.set(find(o), find(open[0]!));
    }
    const groups = new Map<string, Equation[]>();
    for (const e of usable) {
      const root = find(e.terms.find(([id]) => value(id) === undefined)![0]);
      (groups.get(root) ?? groups.set(root, []).get(root)!).push(e);
    }
    for (const eqs of groups.values()) out.push(...eliminate(eqs, value));
    // 3. whole-number bounds on counts (withheld ≥ 1) from relations whose other terms are all known but counts
    for (const e of this.equations) {
      const open = e.terms.filter(([id]) => value(id) === undefined);
      if (open.length < 2 || open.some(([id]) => !this.counts.has(id) || !this.unknown.has(id))) continue;
      let rest = e.constant;
      for (const [x, c] of e.terms) if (value(x) !== undefined) rest += c * value(x)!;
      // Σ a·x = −rest with every x ≥ 1: if every a has one sign, each x ≤ (|rest| − Σ others' minimum)
      if (!open.every(([, a]) => a === open[0]![1])) continue;
      const total = -rest / open[0]![1];
      if (Math.abs(total - open.length) < 1e-9) for (const [id] of open) out.push({ unknown: id, value: 1, how: 'bounds' });
    }
    return out;
  }
}

/** The unknowns one group of relations determines (reduced row echelon form). */
function eliminate(eqs: Equation[], value: (id: string) => number | undefined): Exposure[] {
  const ids = [...new Set(eqs.flatMap((e) => e.terms.filter(([id]) => value(id) === undefined).map(([id]) => id)))];
  const col = new Map(ids.map((id, i) => [id, i]));
  const m = ids.length;
  const rows = eqs.map((e) => {
    const row = new Array(m + 1).fill(0);
    for (const [id, c] of e.terms) {
      const v = value(id);
      if (v === undefined) row[col.get(id)!] += c;
      else row[m] += c * v;
    }
    row[m] += e.constant;
    return row;
  });
  const pivots: number[] = [];
  let r = 0;
  for (let j = 0; j < m && r < rows.length; j++) {
    let best = -1;
    for (let i = r; i < rows.length; i++) if (Math.abs(rows[i]![j]) > 1e-9 && (best < 0 || Math.abs(rows[i]![j]) > Math.abs(rows[best]![j]))) best = i;
    if (best < 0) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const p = rows[r]!;
    const pv = p[j];
    for (let x = 0; x <= m; x++) p[x] /= pv;
    for (let i = 0; i < rows.length; i++) {
      if (i === r || Math.abs(rows[i]![j]) <= 1e-12) continue;
      const f = rows[i]![j];
      for (let x = 0; x <= m; x++) rows[i]![x] -= f * p[x];
    }
    pivots.push(j);
    r++;
  }
  const isPivot = new Set(pivots);
  const out: Exposure[] = [];
  pivots.forEach((j, i) => {
    const row = rows[i]!;
    for (let x = 0; x < m; x++) if (!isPivot.has(x) && Math.abs(row[x]) > 1e-9) return;
    out.push({ unknown: ids[j]!, value: -row[m], how: 'elimination' });
  });
  return out;
}

const segmentsOf = (r: Results) => [...r.config.segments.map((s) => s.code), 'all'];
const GROUPS = ['management', 'operational', 'all'];
const isWithheld = (c: object): boolean => 'suppressed' in c && !String((c as { reason?: string }).reason).startsWith('no answers');
const isEmpty = (c: object): boolean => 'suppressed' in c && String((c as { reason?: string }).reason).startsWith('no answers');

/** The grid relations of one quantity `q` of a table `name` (ids `${name}|${segment}|${group}|${q}`). */
function gridRelations(a: Attacker, r: Results, name: string, q: string, groups = GROUPS): void {
  const id = (s: string, g: string) => `${name}|${s}|${g}|${q}`;
  const segs = segmentsOf(r);
  for (const s of segs) a.relate([[id(s, 'all'), -1], ...groups.filter((g) => g !== 'all').map((g): Term => [id(s, g), 1])]);
  for (const g of groups) a.relate([[id('all', g), -1], ...segs.filter((s) => s !== 'all').map((s): Term => [id(s, g), 1])]);
}

interface EstimateLike { segment: string; group: string; n?: number; mean?: number | null; sd?: number | null }

/** An estimate table: n, Σ and Σ² per cell. */
function estimateTable(a: Attacker, r: Results, name: string, cells: EstimateLike[]): void {
  for (const c of cells) {
    const base = `${name}|${c.segment}|${c.group}`;
    if (isEmpty(c)) { a.know(`${base}|n`, 0); a.know(`${base}|s`, 0); a.know(`${base}|q`, 0); continue; }
    if (isWithheld(c)) { a.withheld(`${base}|n`, true); a.withheld(`${base}|s`, false); a.withheld(`${base}|q`, false); continue; }
    a.know(`${base}|n`, c.n!, true);
    if (c.mean !== null && c.mean !== undefined) {
      a.know(`${base}|s`, c.n! * c.mean);
      if (c.sd !== null && c.sd !== undefined) a.know(`${base}|q`, (c.n! - 1) * c.sd * c.sd + c.n! * c.mean * c.mean);
    }
  }
  for (const q of ['n', 's', 'q']) gridRelations(a, r, name, q);
}

/** Everything the attacker reads from a results file, as knowledge and relations. */
export function readResults(r: Results): Attacker {
  const a = new Attacker();
  // respondents: segments table, priorities cells, the total analysed, coverage
  const resp = (s: string, g: string) => `resp|${s}|${g}|n`;
  for (const s of r.segments) {
    for (const [g, v] of [['all', s.respondents], ['management', s.management], ['operational', s.operational]] as const) {
      if (v === null) a.withheld(resp(s.code, g), true);
      else a.know(resp(s.code, g), v, true);
    }
  }
  a.know(resp('all', 'all'), r.dataset.analysed);
  for (const c of r.priorities.cells) {
    if ('suppressed' in c) { if (isWithheld(c)) a.withheld(resp(c.segment, c.group), true); continue; }
    a.know(resp(c.segment, c.group), c.n, true);
  }
  gridRelations(a, r, 'resp', 'n');
  const voivs = [...new Set(r.coverage.map((c) => c.voivodeship))];
  for (const c of r.coverage) {
    const id = `cov|${c.segment}|${c.voivodeship}`;
    if (c.respondents === null) a.withheld(id, true);
    else a.know(id, c.respondents, true);
  }
  for (const s of r.config.segments) a.relate([[resp(s.code, 'all'), -1], ...voivs.map((v): Term => [`cov|${s.code}|${v}`, 1])]);

  for (const item of r.estimates.items) {
    for (const m of ['importance', 'level', 'gap'] as const) estimateTable(a, r, `est|${item.item}|${m}`, item[m] as EstimateLike[]);
    for (const m of ['importance', 'level'] as const) {
      const name = `est|${item.item}|${m}`;
      for (const d of item.distribution[m]) {
        const base = `dist|${item.item}|${m}|${d.segment}|${d.group}`;
        if ('suppressed' in d) {
          if (isEmpty(d)) continue;
          // the counts of a withheld distribution
          const values = item.distribution[m].find((x) => !('suppressed' in x));
          const vs = values && !('suppressed' in values) ? values.values : [1, 2, 3, 4, 5];
          for (const v of vs) a.withheld(`${base}|${v}`, false);
          continue;
        }
        d.values.forEach((v, j) => {
          const c = d.counts[j];
          if (c === null || c === undefined) a.withheld(`${base}|${v}`, true);
          else a.know(`${base}|${v}`, c, true);
        });
      }
      const open = item.distribution[m].find((x) => !('suppressed' in x));
      const vs = open && !('suppressed' in open) ? open.values : [1, 2, 3, 4, 5];
      for (const v of vs) gridRelations(a, r, `dist|${item.item}|${m}`, String(v));
      for (const s of segmentsOf(r)) {
        for (const g of GROUPS) {
          const cell = `${s}|${g}`;
          const terms = (f: (v: number) => number): Term[] => vs.map((v): Term => [`dist|${item.item}|${m}|${cell}|${v}`, f(v)]);
          // Σ counts = n, Σ v·count = sum, Σ v²·count = sum of squares (when the cell's estimate gives them)
          a.relate([...terms(() => 1), [`${name}|${cell}|n`, -1]]);
          a.relate([...terms((v) => v), [`${name}|${cell}|s`, -1]]);
          a.relate([...terms((v) => v * v), [`${name}|${cell}|q`, -1]]);
        }
      }
    }
  }
  for (const area of r.estimates.areas) {
    for (const m of ['importance', 'level', 'gap'] as const) estimateTable(a, r, `est|${area.area}|${m}`, area[m] as EstimateLike[]);
  }
  for (const b of r.estimates.breakdowns) {
    for (const area of r.estimates.areas) {
      for (const m of ['importance', 'level', 'gap'] as const) {
        const name = `est|${area.area}|${m}`;
        for (const q of ['n', 's', 'q']) {
          for (const s of r.config.segments) {
            const terms: Term[] = [[`${name}|${s.code}|all|${q}`, -1]];
            for (const cat of b.categories) terms.push([`bd|${b.variable}|${area.area}|${m}|${s.code}|${cat.value}|${q}`, 1]);
            a.relate(terms);
          }
        }
        for (const c of b.cells.filter((x) => x.area === area.area)) {
          const e = c[m] as EstimateLike & object;
          const base = `bd|${b.variable}|${area.area}|${m}|${c.segment}|${c.category}`;
          if (isEmpty(e)) { for (const q of ['n', 's', 'q']) a.know(`${base}|${q}`, 0); continue; }
          if (isWithheld(e)) { a.withheld(`${base}|n`, true); a.withheld(`${base}|s`, false); a.withheld(`${base}|q`, false); continue; }
          a.know(`${base}|n`, e.n!, true);
          if (e.mean != null) a.know(`${base}|s`, e.n! * e.mean);
          if (e.mean != null && e.sd != null) a.know(`${base}|q`, (e.n! - 1) * e.sd * e.sd + e.n! * e.mean * e.mean);
        }
      }
    }
  }
  // choices
  for (const ch of r.choices) {
    const open = ch.cells.find((c) => !('suppressed' in c));
    const values = open && !('suppressed' in open) ? open.options.map((o) => o.value) : [];
    const single = ch.type === 'single';
    const parts = single ? ['chosen'] : ['chosen', 'not', 'base'];
    for (const c of ch.cells) {
      const base = `ch|${ch.question}|${c.segment}|${c.group}`;
      if ('suppressed' in c) {
        if (isEmpty(c)) { a.know(`${base}|n`, 0); for (const v of values) for (const x of parts) a.know(`${base}|${v}|${x}`, 0); continue; }
        a.withheld(`${base}|n`, true);
        for (const v of values) for (const x of parts) a.withheld(`${base}|${v}|${x}`, true);
        continue;
      }
      a.know(`${base}|n`, c.n, true);
      for (const o of c.options) {
        if (o.count === null) { for (const x of parts) a.withheld(`${base}|${o.value}|${x}`, true); continue; }
        a.know(`${base}|${o.value}|chosen`, o.count, true);
        if (single) continue;
        const n = o.n ?? (o.proportion ? Math.round(o.count / o.proportion) : undefined);
        if (n !== undefined) { a.know(`${base}|${o.value}|base`, n); a.know(`${base}|${o.value}|not`, n - o.count, true); }
      }
    }
    gridRelations(a, r, `ch|${ch.question}`, 'n');
    for (const v of values) {
      for (const x of parts) gridRelations(a, r, `ch|${ch.question}`, `${v}|${x}`);
      if (!single) for (const s of segmentsOf(r)) for (const g of GROUPS) {
        const base = `ch|${ch.question}|${s}|${g}|${v}`;
        a.relate([[`${base}|chosen`, 1], [`${base}|not`, 1], [`${base}|base`, -1]]);
      }
    }
    if (single) {
      for (const s of segmentsOf(r)) for (const g of GROUPS) a.relate([...values.map((v): Term => [`ch|${ch.question}|${s}|${g}|${v}|chosen`, 1]), [`ch|${ch.question}|${s}|${g}|n`, -1]]);
    }
  }
  // reliability
  for (const x of r.reliability) {
    const id = `rel|${x.area}|${x.measure}|${x.segment}|${x.group}|n`;
    if ('suppressed' in x) { if (isWithheld(x)) a.withheld(id, true); continue; }
    a.know(id, x.n, true);
  }
  // figures published twice: tests' n and priorities' item n
  for (const t of r.tests.results) {
    t.groups.forEach((grp, i) => {
      const [s, g] = t.by === 'segment' ? [grp, t.within.group ?? 'all'] : [t.within.segment ?? 'all', grp];
      const item = r.estimates.items.find((it) => t.variable.startsWith(`${it.item}_`));
      const area = r.estimates.areas.find((ar) => t.variable.startsWith(`${ar.area}_`));
      const m = t.variable.endsWith('_gap') ? 'gap' : t.variable.endsWith('_imp') ? 'importance' : t.variable.endsWith('_lvl') ? 'level' : null;
      const code = item?.item ?? (area && !item ? area.area : null);
      if (code && m) a.know(`est|${code}|${m}|${s}|${g}|n#test`, t.n[i]!, true), a.relate([[`est|${code}|${m}|${s}|${g}|n#test`, 1], [`est|${code}|${m}|${s}|${g}|n`, -1]]);
    });
  }
  for (const c of r.priorities.cells) {
    if ('suppressed' in c) continue;
    for (const it of c.items) {
      a.know(`prio|${it.item}|${c.segment}|${c.group}`, it.n, true);
      a.relate([[`prio|${it.item}|${c.segment}|${c.group}`, 1], [`est|${it.item}|gap|${c.segment}|${c.group}|n`, -1]]);
    }
  }
  return a;
}
