/**
 * Population size classes of a JST, the usual breakdown of Polish local-government statistics.
 * Each class is [min, max) in inhabitants: a JST of exactly 5,000 is in '5_10k'.
 */
export const POPULATION_CLASSES = [
  { code: 'lt5k', min: 0, max: 5_000, label: { pl: 'poniżej 5 tys.', en: 'under 5,000' } },
  { code: '5_10k', min: 5_000, max: 10_000, label: { pl: '5–10 tys.', en: '5,000–9,999' } },
  { code: '10_20k', min: 10_000, max: 20_000, label: { pl: '10–20 tys.', en: '10,000–19,999' } },
  { code: '20_50k', min: 20_000, max: 50_000, label: { pl: '20–50 tys.', en: '20,000–49,999' } },
  { code: '50_100k', min: 50_000, max: 100_000, label: { pl: '50–100 tys.', en: '50,000–99,999' } },
  { code: 'ge100k', min: 100_000, max: Number.POSITIVE_INFINITY, label: { pl: '100 tys. i więcej', en: '100,000 and more' } },
] as const;

export type PopulationClass = (typeof POPULATION_CLASSES)[number]['code'];

export const POPULATION_CLASS_LABELS = Object.fromEntries(POPULATION_CLASSES.map((c) => [c.code, c.label])) as Record<
  PopulationClass,
  { pl: string; en: string }
>;

/** The class of a population count; throws a RangeError for a negative or non-finite number. */
export function populationClass(population: number): PopulationClass {
  if (!Number.isFinite(population) || population < 0) throw new RangeError(`a population must be a finite number ≥ 0, got ${population}`);
  const found = POPULATION_CLASSES.find((c) => population >= c.min && population < c.max);
  return (found ?? POPULATION_CLASSES[POPULATION_CLASSES.length - 1]!).code;
}
