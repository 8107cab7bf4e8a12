import { describe, expect, it } from 'vitest';
import { normalizeTable, suppressed, type TableSpec } from '../../src/report/kit/table.ts';

/** 5 pt per character, bold or not: enough to test the width arithmetic without a font. */
const measure = (text: string) => text.length * 5;

const spec: TableSpec = {
  title: 'Test',
  columns: [{ header: 'Obszar', width: 0.5 }, { header: 'n' }, { header: 'Średnia (1–5)' }, { header: 'Odsetek (%)', percent: true, decimals: 1 }],
  rows: [
    ['Finanse', 1234, 3.456, 45.25],
    ['Kadry', 3, suppressed(9.87), suppressed('9,87')],
    ['Dane', null, undefined, { text: 'b.d.', bold: true }],
  ],
};

describe('normalizeTable', () => {
  const t = normalizeTable(spec, 400, 'pl', measure);

  it('prints numbers in the report format, with 0 decimals in an "n" column', () => {
    expect(t.rows[0]!.map((c) => c.text)).toEqual(['Finanse', '1\u202F234', '3,46', '45,3\u00A0%']);
  });

  it('shows suppressed cells as a dash, flags the footnote and drops their values', () => {
    expect(t.rows[1]!.map((c) => c.text)).toEqual(['Kadry', '3', '–', '–']);
    expect(t.anySuppressed).toBe(true);
    expect(JSON.stringify(t)).not.toMatch(/9[.,]87/);
  });

  it('prints a dash for missing values and keeps text cells as given', () => {
    expect(t.rows[2]!.map((c) => c.text)).toEqual(['Dane', '–', '–', 'b.d.']);
    expect(t.rows[2]![3]!.bold).toBe(true);
  });

  it('right-aligns number columns and left-aligns text columns', () => {
    expect(t.aligns).toEqual(['left', 'right', 'right', 'left']);
  });

  it('gives fixed columns their share and the others the rest by natural width, filling the table', () => {
    expect(t.widths[0]).toBeCloseTo(200, 6);
    expect(t.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(400, 6);
    // "Średnia" (the longest header word) is wider than "n" or "1 234": its column gets more room
    expect(t.widths[2]!).toBeGreaterThan(t.widths[1]!);
  });

  it('keeps a numeric range in a header together', () => {
    expect(t.header[2]).toBe('Średnia (1–\u20605)');
  });

  it('does not flag the footnote when nothing is suppressed', () => {
    expect(normalizeTable({ ...spec, rows: [spec.rows[0]!] }, 400, 'pl', measure).anySuppressed).toBe(false);
  });

  it('scales fixed shares that add up to more than the table', () => {
    const over = normalizeTable({ title: 'x', columns: [{ header: 'a', width: 0.8 }, { header: 'b', width: 0.8 }], rows: [['x', 'y']] }, 300, 'pl', measure);
    expect(over.widths).toEqual([150, 150]);
  });
});
