/**
 * The reports' one palette: Okabe & Ito (2008), "Color Universal Design", safe for the common forms of
 * colour blindness. Every colour has ONE meaning across all charts and all three reports, and no chart
 * relies on colour alone: importance and level also differ by marker shape, the two staff groups by fill
 * (solid vs outlined), and series carry direct labels.
 */

/** The eight Okabe–Ito colours. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Fixed meanings. */
export const COLORS = {
  /** importance of a competence for the respondent's work — drawn as a filled circle ● */
  importance: OKABE_ITO.blue,
  /** the respondent's current level of the competence — drawn as a diamond ◆ */
  level: OKABE_ITO.orange,
  /** management staff — solid bars */
  management: OKABE_ITO.bluishGreen,
  /** operational staff — outlined (light-filled) bars */
  operational: OKABE_ITO.reddishPurple,
  /** a training priority or need (MWDS, "focus here") */
  priority: OKABE_ITO.vermillion,
  /** text in the priority colour, dark enough for small type on white (contrast 7:1) */
  priorityInk: '#8F3A00',
  /** text, axes */
  ink: '#1A1A1A',
  /** secondary text: tick labels, notes */
  muted: '#555555',
  /** grid lines, rules */
  grid: '#D9D9D9',
  /** zebra rows, boxes */
  shade: '#F2F2F2',
  /** the shaded box for non-specialist explanations */
  boxFill: '#EAF3FA',
  boxRule: OKABE_ITO.blue,
  /** the "synthetic data" band */
  syntheticFill: '#FCE9D9',
  syntheticInk: '#8A3B00',
} as const;

/** Marker shapes that go with the colours (chart.js pointStyle names). */
export const MARKERS = {
  importance: 'circle',
  level: 'rectRot',
} as const;

/**
 * Five steps of one hue for the answers 1–5 of a scale, light to dark, so a 100 % bar reads as "how far
 * towards 5". The hue is that of the measure (importance = blue, level = orange), keeping colour = meaning.
 * `text` is the label colour that stays legible on each step.
 */
export const SCALE_RAMPS = {
  importance: { fill: ['#CFE2F3', '#A9CBE6', '#5FA0D0', '#1F78B8', '#0B4E80'], text: ['#1A1A1A', '#1A1A1A', '#1A1A1A', '#FFFFFF', '#FFFFFF'] },
  level: { fill: ['#FAE2B4', '#F8D79A', '#EFB54A', '#C98A00', '#7A5000'], text: ['#1A1A1A', '#1A1A1A', '#1A1A1A', '#1A1A1A', '#FFFFFF'] },
} as const;
export type Measure = keyof typeof SCALE_RAMPS;

/** `#RRGGBB` with an alpha, as chart.js accepts it. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
