/** Positions in a dense grid of cells (row-major): strides, coordinates, the lines along one axis, and their order. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let j = shape.length - 2; j >= 0; j--) s[j] = s[j + 1]! * shape[j + 1]!;
  return s;
}

export function coordinates(position: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let j = shape.length - 1; j >= 0; j--) {
    out[j] = position % shape[j]!;
    position = Math.floor(position / shape[j]!);
  }
  return out;
}

/** Calls `f` with the position of the first cell of every line along dimension `j`. */
export function forEachLine(shape: readonly number[], j: number, f: (base: number) => void): void {
  const strides = stridesOf(shape);
  const total = shape.reduce((a, b) => a * b, 1);
  for (let pos = 0; pos < total; pos++) if (Math.floor(pos / strides[j]!) % shape[j]! === 0) f(pos);
}

export function lexLess(a: number[], b: number[]): boolean {
  const x = [...a].sort((u, v) => u - v);
  const y = [...b].sort((u, v) => u - v);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}
