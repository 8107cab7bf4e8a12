/**
 * A Canvas 2D context that draws into a pdfkit document, so chart.js renders charts as PDF vectors: crisp
 * at any zoom, text that stays text (selectable, searchable, read by pdftotext), and no raster to encode or
 * embed (see engine.ts for the measurements behind this choice).
 *
 * It implements the part of CanvasRenderingContext2D that chart.js 4 and our plugins use: paths (moveTo,
 * lineTo, arc, ellipse, rect, quadratic and cubic curves), fill/stroke/clip with the non-zero or even-odd
 * rule, rectangles, dashes, caps and joins, save/restore, translate/rotate/scale/setTransform, global
 * alpha, `#hex`/`rgb()`/`rgba()` colours, and text (font, textAlign, textBaseline, measureText) set in the
 * DejaVu fonts registered on the document.
 *
 * Canvas paths outlive a fill or stroke (a bar may be filled, then stroked), while PDF paths are consumed by
 * their painting operator; so the path is recorded, already transformed to page coordinates, and replayed
 * for each paint. Not implemented (chart.js does not need them here): gradients, patterns, images,
 * shadows, composite operations, strokeText (drawn as fillText).
 */
import { pdfFontForCss, type PdfFontName } from '../fonts.ts';
import type { Doc } from '../pdf-types.ts';
import { parseColor, parseFont } from './css.ts';

/** [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f (canvas and pdfkit order alike). */
type Matrix = [number, number, number, number, number, number];
type Seg = { op: 'M' | 'L'; x: number; y: number } | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number } | { op: 'Z' };

interface State {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  lineCap: 'butt' | 'round' | 'square';
  lineJoin: 'miter' | 'round' | 'bevel';
  miterLimit: number;
  dash: number[];
  lineDashOffset: number;
  font: string;
  textAlign: 'left' | 'right' | 'center' | 'start' | 'end';
  textBaseline: 'top' | 'hanging' | 'middle' | 'alphabetic' | 'ideographic' | 'bottom';
  globalAlpha: number;
  m: Matrix;
}

const TAU = Math.PI * 2;
/** Numbers in content streams: two decimals are 1/7200 inch, far below what a printer resolves. */
const n = (x: number) => (Math.round(x * 100) / 100).toString();

const mul = (p: Matrix, q: Matrix): Matrix => [
  p[0] * q[0] + p[2] * q[1], p[1] * q[0] + p[3] * q[1],
  p[0] * q[2] + p[2] * q[3], p[1] * q[2] + p[3] * q[3],
  p[0] * q[4] + p[2] * q[5] + p[4], p[1] * q[4] + p[3] * q[5] + p[5],
];

export class PdfCanvasContext {
  /** chart.js reads the canvas back from its context */
  canvas: { width: number; height: number };
  private s: State;
  /** page position and scale: the transform that chart.js's identity maps to */
  private readonly base: Matrix;
  private readonly stack: State[] = [];
  private path: Seg[] = [];
  private cur: { x: number; y: number } | null = null;
  private start: { x: number; y: number } | null = null;

  /** Draws at page position (x, y), one canvas unit = `scale` pt. */
  constructor(private readonly doc: Doc, canvas: { width: number; height: number }, x: number, y: number, scale = 1) {
    this.canvas = canvas;
    this.s = {
      fillStyle: '#000000', strokeStyle: '#000000', lineWidth: 1, lineCap: 'butt', lineJoin: 'miter', miterLimit: 10,
      dash: [], lineDashOffset: 0, font: '10px sans-serif', textAlign: 'start', textBaseline: 'alphabetic', globalAlpha: 1,
      m: [scale, 0, 0, scale, x, y],
    };
    this.base = [...this.s.m];
  }

  // --- state ---------------------------------------------------------------------------------------
  get fillStyle() { return this.s.fillStyle; }
  set fillStyle(v: string) { this.s.fillStyle = v; }
  get strokeStyle() { return this.s.strokeStyle; }
  set strokeStyle(v: string) { this.s.strokeStyle = v; }
  get lineWidth() { return this.s.lineWidth; }
  set lineWidth(v: number) { if (Number.isFinite(v) && v >= 0) this.s.lineWidth = v; }
  get lineCap() { return this.s.lineCap; }
  set lineCap(v: State['lineCap']) { this.s.lineCap = v; }
  get lineJoin() { return this.s.lineJoin; }
  set lineJoin(v: State['lineJoin']) { this.s.lineJoin = v; }
  get miterLimit() { return this.s.miterLimit; }
  set miterLimit(v: number) { this.s.miterLimit = v; }
  get lineDashOffset() { return this.s.lineDashOffset; }
  set lineDashOffset(v: number) { this.s.lineDashOffset = v; }
  get font() { return this.s.font; }
  set font(v: string) { this.s.font = v; }
  get textAlign() { return this.s.textAlign; }
  set textAlign(v: State['textAlign']) { this.s.textAlign = v; }
  get textBaseline() { return this.s.textBaseline; }
  set textBaseline(v: State['textBaseline']) { this.s.textBaseline = v; }
  get globalAlpha() { return this.s.globalAlpha; }
  set globalAlpha(v: number) { if (v >= 0 && v <= 1) this.s.globalAlpha = v; }
  /** accepted and ignored: the PDF has one direction and one compositing mode */
  direction = 'ltr';
  globalCompositeOperation = 'source-over';
  imageSmoothingEnabled = true;

  setLineDash(d: number[]) { this.s.dash = d.length % 2 ? [...d, ...d] : [...d]; }
  getLineDash() { return [...this.s.dash]; }

  save() {
    this.stack.push({ ...this.s, dash: [...this.s.dash], m: [...this.s.m] });
    this.doc.save();
  }
  restore() {
    const prev = this.stack.pop();
    if (!prev) return;
    this.s = prev;
    this.doc.restore();
  }
  /** Closes every save() left open, so the document's graphics state is back where it was. */
  finish() {
    while (this.stack.length) this.restore();
  }

  // --- transforms ----------------------------------------------------------------------------------
  transform(a: number, b: number, c: number, d: number, e: number, f: number) { this.s.m = mul(this.s.m, [a, b, c, d, e, f]); }
  setTransform(a: number | Matrix = 1, b = 0, c = 0, d = 1, e = 0, f = 0) {
    const t: Matrix = Array.isArray(a) ? a : [a, b, c, d, e, f];
    this.s.m = mul(this.base, t);
  }
  resetTransform() { this.s.m = [...this.base]; }
  getTransform() { return { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }; }
  translate(x: number, y: number) { this.transform(1, 0, 0, 1, x, y); }
  scale(x: number, y: number) { this.transform(x, 0, 0, y, 0, 0); }
  rotate(r: number) { this.transform(Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0); }

  private pt(x: number, y: number) {
    const m = this.s.m;
    return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
  }
  /** how much the current transform scales lengths (for line widths and dashes) */
  private get lengthScale() {
    const m = this.s.m;
    return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
  }

  // --- paths ---------------------------------------------------------------------------------------
  beginPath() { this.path = []; this.cur = null; this.start = null; }
  moveTo(x: number, y: number) {
    const p = this.pt(x, y);
    this.path.push({ op: 'M', ...p });
    this.cur = p;
    this.start = p;
  }
  lineTo(x: number, y: number) {
    if (!this.cur) return this.moveTo(x, y);
    const p = this.pt(x, y);
    this.path.push({ op: 'L', ...p });
    this.cur = p;
  }
  closePath() {
    if (!this.cur) return;
    this.path.push({ op: 'Z' });
    this.cur = this.start;
  }
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number) {
    if (!this.cur) this.moveTo(x1, y1);
    const a = this.pt(x1, y1), b = this.pt(x2, y2), p = this.pt(x, y);
    this.path.push({ op: 'C', x1: a.x, y1: a.y, x2: b.x, y2: b.y, x: p.x, y: p.y });
    this.cur = p;
  }
  quadraticCurveTo(cx: number, cy: number, x: number, y: number) {
    if (!this.cur) this.moveTo(cx, cy);
    const p0 = this.cur!, q = this.pt(cx, cy), p = this.pt(x, y);
    // a quadratic Bézier is the cubic with control points 2/3 of the way to the quadratic one
    this.path.push({ op: 'C', x1: p0.x + (2 / 3) * (q.x - p0.x), y1: p0.y + (2 / 3) * (q.y - p0.y), x2: p.x + (2 / 3) * (q.x - p.x), y2: p.y + (2 / 3) * (q.y - p.y), x: p.x, y: p.y });
    this.cur = p;
  }
  rect(x: number, y: number, w: number, h: number) {
    this.moveTo(x, y);
    this.lineTo(x + w, y);
    this.lineTo(x + w, y + h);
    this.lineTo(x, y + h);
    this.closePath();
    this.moveTo(x, y);
  }
  roundRect(x: number, y: number, w: number, h: number) { this.rect(x, y, w, h); }
  arc(x: number, y: number, r: number, a0: number, a1: number, ccw = false) { this.ellipse(x, y, r, r, 0, a0, a1, ccw); }
  /**
   * An elliptical arc as cubic Béziers of at most 90° each; a segment of angle δ uses control points at
   * k = 4/3·tan(δ/4) of the radius along the tangents (the standard approximation, error < 0.03 %).
   */
  ellipse(x: number, y: number, rx: number, ry: number, rot: number, a0: number, a1: number, ccw = false) {
    if (rx < 0 || ry < 0) throw new RangeError('negative radius');
    let sweep = a1 - a0;
    if (!ccw) sweep = sweep >= TAU ? TAU : ((sweep % TAU) + TAU) % TAU;
    else sweep = -sweep >= TAU ? -TAU : sweep > 0 ? (sweep % TAU) - TAU : sweep % TAU;
    const cr = Math.cos(rot), sr = Math.sin(rot);
    const at = (t: number) => ({ x: x + rx * Math.cos(t) * cr - ry * Math.sin(t) * sr, y: y + rx * Math.cos(t) * sr + ry * Math.sin(t) * cr });
    const tangent = (t: number) => ({ x: -rx * Math.sin(t) * cr - ry * Math.cos(t) * sr, y: -rx * Math.sin(t) * sr + ry * Math.cos(t) * cr });
    const p0 = at(a0);
    if (this.cur) this.lineTo(p0.x, p0.y);
    else this.moveTo(p0.x, p0.y);
    const n = Math.max(1, Math.ceil(Math.abs(sweep) / (Math.PI / 2) - 1e-9));
    const d = sweep / n;
    const k = (4 / 3) * Math.tan(d / 4);
    for (let i = 0; i < n; i++) {
      const t0 = a0 + i * d, t1 = t0 + d;
      const s0 = at(t0), s1 = at(t1), g0 = tangent(t0), g1 = tangent(t1);
      this.bezierCurveTo(s0.x + k * g0.x, s0.y + k * g0.y, s1.x - k * g1.x, s1.y - k * g1.y, s1.x, s1.y);
    }
  }

  /** The path as PDF operators in one string: one content-stream write per paint, not one per segment. */
  private pathOps(segs: Seg[]): string {
    let out = '';
    for (const s of segs) {
      if (s.op === 'M') out += `${n(s.x)} ${n(s.y)} m\n`;
      else if (s.op === 'L') out += `${n(s.x)} ${n(s.y)} l\n`;
      else if (s.op === 'C') out += `${n(s.x1)} ${n(s.y1)} ${n(s.x2)} ${n(s.y2)} ${n(s.x)} ${n(s.y)} c\n`;
      else out += 'h\n';
    }
    return out;
  }
  private paint(segs: Seg[], mode: 'fill' | 'stroke', rule: string) {
    if (!segs.some((s) => s.op !== 'M')) return;
    const c = parseColor(mode === 'fill' ? this.s.fillStyle : this.s.strokeStyle);
    const alpha = c.a * this.s.globalAlpha;
    if (alpha <= 0) return;
    const d = this.doc;
    if (mode === 'fill') {
      d.fillColor(c.rgb, alpha);
      d.addContent(`${this.pathOps(segs)}${rule === 'evenodd' ? 'f*' : 'f'}`);
    } else {
      const k = this.lengthScale;
      d.lineWidth(this.s.lineWidth * k).lineCap(this.s.lineCap).lineJoin(this.s.lineJoin);
      if (this.s.dash.length) d.dash(this.s.dash.map((v) => v * k) as unknown as number, { phase: this.s.lineDashOffset * k });
      else d.undash();
      d.strokeColor(c.rgb, alpha);
      d.addContent(`${this.pathOps(segs)}S`);
    }
  }
  fill(rule: string = 'nonzero') { this.paint(this.path, 'fill', rule); }
  stroke() { this.paint(this.path, 'stroke', 'nonzero'); }
  clip(rule: string = 'nonzero') {
    this.doc.addContent(`${this.pathOps(this.path)}${rule === 'evenodd' ? 'W*' : 'W'} n`);
  }
  private rectSegs(x: number, y: number, w: number, h: number): Seg[] {
    const ps = [this.pt(x, y), this.pt(x + w, y), this.pt(x + w, y + h), this.pt(x, y + h)];
    return [{ op: 'M', ...ps[0]! }, { op: 'L', ...ps[1]! }, { op: 'L', ...ps[2]! }, { op: 'L', ...ps[3]! }, { op: 'Z' }];
  }
  fillRect(x: number, y: number, w: number, h: number) { this.paint(this.rectSegs(x, y, w, h), 'fill', 'nonzero'); }
  strokeRect(x: number, y: number, w: number, h: number) { this.paint(this.rectSegs(x, y, w, h), 'stroke', 'nonzero'); }
  /** The page under a chart is white already: nothing to clear. */
  clearRect() {}
  isPointInPath() { return false; }
  drawImage() {}
  createLinearGradient() { return { addColorStop() {} }; }
  createRadialGradient() { return { addColorStop() {} }; }
  createPattern() { return null; }

  // --- text ----------------------------------------------------------------------------------------
  private useFont(): { name: PdfFontName; size: number } {
    const f = parseFont(this.s.font);
    const name = pdfFontForCss(f.family, f.bold, f.italic);
    this.doc.font(name).fontSize(f.size);
    return { name, size: f.size };
  }
  measureText(text: string) {
    const { size } = this.useFont();
    const width = this.doc.widthOfString(String(text));
    return { width, actualBoundingBoxAscent: 0.76 * size, actualBoundingBoxDescent: 0.24 * size, actualBoundingBoxLeft: 0, actualBoundingBoxRight: width, fontBoundingBoxAscent: 0.93 * size, fontBoundingBoxDescent: 0.24 * size };
  }
  fillText(text: string, x: number, y: number, maxWidth?: number) {
    const str = String(text);
    if (!str) return;
    const c = parseColor(this.s.fillStyle);
    const alpha = c.a * this.s.globalAlpha;
    if (alpha <= 0) return;
    const d = this.doc;
    this.useFont();
    let w = d.widthOfString(str);
    let sx = 1;
    if (maxWidth !== undefined && maxWidth > 0 && w > maxWidth) {
      sx = maxWidth / w;
      w = maxWidth;
    }
    const align = this.s.textAlign;
    const dx = align === 'center' ? -w / 2 : align === 'right' || align === 'end' ? -w : 0;
    const { x: px, y: py } = { x: d.x, y: d.y };
    const m = mul(this.s.m, [sx, 0, 0, 1, x + dx, y]);
    d.fillColor(c.rgb, alpha);
    if (m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1) {
      // upright and unscaled, the common case: no transform needed
      d.text(str, m[4], m[5], { lineBreak: false, baseline: this.s.textBaseline });
    } else {
      d.save();
      d.transform(m[0], m[1], m[2], m[3], m[4], m[5]);
      d.text(str, 0, 0, { lineBreak: false, baseline: this.s.textBaseline });
      d.restore();
    }
    d.x = px;
    d.y = py;
  }
  strokeText(text: string, x: number, y: number, maxWidth?: number) { this.fillText(text, x, y, maxWidth); }
}
