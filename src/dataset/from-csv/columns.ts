/**
 * The staged ratings and checkbox answers written into the dataset's columns, a column at a time, and a dataset
 * cut to the rows read.
 */
import type { StoredColumn } from '../column-store.ts';
import type { Dataset } from '../dataset.ts';

// The column writers, each loop a function of its own so that V8 optimises it once (see fillFingerprints).

/**
 * The staged ratings of `rows` rows (row-major, `nSlots` a row) into rows r0… of their columns, a column at a
 * time: the staged byte itself into a byte column (a rating's code is its number, a blank is MISSING in
 * both), its number from `value` into a column of doubles.
 */
export function writeRatings(ratings: Uint8Array, nSlots: number, targets: readonly (StoredColumn | null)[], value: Float64Array, r0: number, rows: number): void {
  for (let slot = 0; slot < nSlots; slot++) {
    const col = targets[slot];
    if (col instanceof Uint8Array) copyRatingColumn(col, ratings, nSlots, slot, r0, rows);
    else if (col) writeRatingColumn(col, ratings, nSlots, slot, value, r0, rows);
  }
}

export function copyRatingColumn(col: Uint8Array, ratings: Uint8Array, nSlots: number, slot: number, r0: number, rows: number): void {
  for (let k = 0, x = slot; k < rows; k++, x += nSlots) col[r0 + k] = ratings[x]!;
}

export function writeRatingColumn(col: Float64Array, ratings: Uint8Array, nSlots: number, slot: number, value: Float64Array, r0: number, rows: number): void {
  for (let k = 0, x = slot; k < rows; k++, x += nSlots) col[r0 + k] = value[ratings[x]!]!;
}

/**
 * One checkbox choice's column for the rows r0… of `masks`: 1 where chosen, 0 where offered (`zero` by plan)
 * and not chosen, else left missing.
 */
export function writeChoice(col: Uint8Array, masks: Int32Array, chosen: number, zero: Uint8Array, planIndex: Uint16Array, r0: number): void {
  for (let k = 0; k < masks.length; k++) {
    const mask = masks[k]!;
    if (mask === 0) continue;
    if (mask & chosen) col[r0 + k] = 1;
    else if (zero[planIndex[k]!]) col[r0 + k] = 0;
  }
}

/** The first `n` rows of a dataset made for more (blank lines and quoted line breaks make fewer rows than lines). */
export function truncate(d: Dataset, n: number): Dataset {
  return {
    ...d,
    n,
    ids: d.ids.slice(0, n),
    jst: d.jst.slice(0, n),
    kind: d.kind.slice(0, n),
    group: d.group.slice(0, n),
    voivodeship: d.voivodeship.slice(0, n),
    duration: d.duration.slice(0, n),
    columns: d.columns.mapRows((v) => v.slice(0, n)),
    itemsShown: d.itemsShown.slice(0, n),
    shown: new Map([...d.shown].map(([k, v]) => [k, v.slice(0, n)])),
    fingerprint: d.fingerprint.slice(0, n),
  };
}
