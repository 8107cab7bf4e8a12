import type { Localized } from './types.ts';

/**
 * A SurveyJS localizable string is either plain text or an object keyed by locale ("pl", "en", "default").
 * Polish is the questionnaire's first language; English falls back to Polish where a translation is missing.
 */
export function toLocalized(value: unknown, fallback = ''): Localized {
  if (typeof value === 'string') return { pl: value, en: value };
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const pick = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
    const pl = pick('pl') ?? pick('default') ?? pick('en') ?? fallback;
    return { pl, en: pick('en') ?? pick('default') ?? pl };
  }
  return { pl: fallback, en: fallback };
}

/** Plain text of a label with HTML tags removed (titles may carry markup). */
export function plainText(text: string): string {
  return text.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}
