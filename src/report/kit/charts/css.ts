/**
 * The CSS values chart.js writes into a 2D context, read for the PDF back end: colours (`#rgb`,
 * `#rrggbb[aa]`, `rgb()`, `rgba()`, a few names) and fonts (`[style] [weight] <size>px <family>`).
 */

export type Rgba = { rgb: [number, number, number]; a: number };

const NAMED: Record<string, string> = { black: '#000000', white: '#ffffff', gray: '#808080', grey: '#808080', red: '#ff0000', green: '#008000', blue: '#0000ff' };

const colorCache = new Map<string, Rgba>();

/** Parses the CSS colours chart.js produces. Anything unreadable (a gradient object, say) is black. */
export function parseColor(c: unknown): Rgba {
  if (typeof c !== 'string') return { rgb: [0, 0, 0], a: 1 };
  let hit = colorCache.get(c);
  if (!hit) {
    hit = parseColorUncached(c);
    if (colorCache.size < 512) colorCache.set(c, hit);
  }
  return hit;
}

function parseColorUncached(c: string): Rgba {
  const s = (NAMED[c.trim().toLowerCase()] ?? c).trim().toLowerCase();
  if (s === 'transparent') return { rgb: [0, 0, 0], a: 0 };
  if (s.startsWith('#')) {
    let h = s.slice(1);
    if (h.length === 3 || h.length === 4) h = [...h].map((ch) => ch + ch).join('');
    const n = (i: number) => Number.parseInt(h.slice(i, i + 2), 16);
    return { rgb: [n(0), n(2), n(4)], a: h.length === 8 ? n(6) / 255 : 1 };
  }
  const m = /^rgba?\(([^)]*)\)$/.exec(s);
  if (m?.[1]) {
    const parts = m[1].split(/[\s,/]+/).filter(Boolean);
    const channel = (p: string | undefined) => (p === undefined ? 0 : p.endsWith('%') ? Number.parseFloat(p) * 2.55 : Number.parseFloat(p));
    const a = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? Number.parseFloat(parts[3]) / 100 : Number.parseFloat(parts[3]);
    return { rgb: [channel(parts[0]), channel(parts[1]), channel(parts[2])], a: Number.isFinite(a) ? a : 1 };
  }
  return { rgb: [0, 0, 0], a: 1 };
}

const fontCache = new Map<string, ParsedFont>();
export interface ParsedFont { size: number; family: string; bold: boolean; italic: boolean }

/** Reads `ctx.font`: `[style] [weight] <size>px <family>`. */
export function parseFont(font: string): ParsedFont {
  let hit = fontCache.get(font);
  if (!hit) {
    hit = parseFontUncached(font);
    if (fontCache.size < 256) fontCache.set(font, hit);
  }
  return hit;
}

function parseFontUncached(font: string): ParsedFont {
  const m = /^\s*((?:(?:italic|oblique|normal|bold|bolder|lighter|[1-9]00|small-caps)\s+)*)([\d.]+)px\s+(.+)$/i.exec(font);
  if (!m) return { size: 10, family: 'sans-serif', bold: false, italic: false };
  const words = (m[1] ?? '').toLowerCase().split(/\s+/);
  const bold = words.some((w) => w === 'bold' || w === 'bolder' || (/^\d+$/.test(w) && Number(w) >= 600));
  return { size: Number(m[2]), family: (m[3] ?? '').replace(/["']/g, ''), bold, italic: words.includes('italic') || words.includes('oblique') };
}
