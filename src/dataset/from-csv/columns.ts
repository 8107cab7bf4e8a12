/**
 * The staged ratings and checkbox answers written into the dataset's columns, a column at a time, and a dataset
 * cut to the rows read.
 */
import type { Dataset } from '../dataset.ts';

// The column writers, each loop a function of its own so that V8 optimises it once (see fillFingerprints).

/** Rows r0–r1 of the staged ratings (row-major, `nSlots` a row) into their columns, a column at a time. */
export function writeRatings(ratings: Uint8Array, nSlots: number, targets: readonly (Float64Array | null)[], value: Float64Array, r0: number, r1: number): void {
  for (let slot = 0; slot < nSlots; slot++) {
    const col = targets[slot];
    if (col) writeRatingColumn(col, ratings, nSlots, slot, value, r0, r1);
  }
}

export function writeRatingColumn(col: Float64Array, ratings: Uint8Array, nSlots: number, slot: number, value: Float64Array, r0: number, r1: number): void {
  for (let r = r0, x = r0 * nSlots + slot; r < r1; r++, x += nSlots) col[r] = value[ratings[x]!]!;
}

/** One checkbox choice's column: 1 where chosen, 0 where offered (`zero` by plan) and not chosen, else left NaN. */
export function writeChoice(col: Float64Array, masks: Int32Array, chosen: number, zero: Uint8Array, planIndex: Uint16Array): void {
  for (let r = 0; r < masks.length; r++) {
    const mask = masks[r]!;
    if (mask === 0) continue;
    if (mask & chosen) col[r] = 1;
    else if (zero[planIndex[r]!]) col[r] = 0;
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
    columns: new Map([...d.columns].map(([k, v]) => [k, v.slice(0, n)])),
    itemsShown: d.itemsShown.slice(0, n),
    shown: new Map([...d.shown].map(([k, v]) => [k, v.slice(0, n)])),
    fingerprint: d.fingerprint.slice(0, n),
  };
}
