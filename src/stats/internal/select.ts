/**
 * Order statistics without a full sort: quickselect (Hoare 1961, "Algorithm 65: Find") with a
 * median-of-three pivot, rearranging the array in place. Expected O(n), worst case O(n²) on
 * adversarial input (not a concern for survey data).
 */

/** Rearranges `a[lo..hi]` so that a[k] is the k-th smallest (0-based) and returns it. */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot, moved to a[hi]
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[mid]! < a[hi]!) swap(a, mid, hi);
    const pivot = a[hi]!;
    // three-way partition (Dijkstra) so that runs of ties — common in Likert data — end the loop fast
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i]!;
      if (v < pivot) swap(a, lt++, i++);
      else if (v > pivot) swap(a, i, gt--);
      else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * The median of a[0..n−1] (n ≥ 1), destroying the order of a. For even n the mean of the two
 * middle order statistics; the upper one is the minimum of the part above the lower one.
 */
export function medianInPlace(a: Float64Array, n: number): number {
  const k = (n - 1) >>> 1;
  const lower = selectInPlace(a, k, 0, n - 1);
  if (n % 2 === 1) return lower;
  let upper = Infinity;
  for (let i = k + 1; i < n; i++) if (a[i]! < upper) upper = a[i]!;
  return (lower + upper) / 2;
}
