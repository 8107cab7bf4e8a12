/**
 * The synthetic pilot's model: every effect planted in it, in one place. data-samples/README.md ("Synthetic
 * pilot") documents the same figures, and test/analysis/pilot-recovery.test.ts recovers them.
 *
 * Design: 30 JSTs (10 per family: rural and urban-rural gminas, urban gminas, counties and cities with county
 * rights), 2 management and 2 operational officials each (120 officials), each diagnosed (the diagnosis model
 * of params.ts), then trained in their family × group programme.
 *
 * End of programme (post), per item the official rated in the diagnosis (else the area's latent level):
 *   now    = clamp(round(diagnosis level + gain + N(0, CHANGE_SD)))
 *   before = clamp(round(diagnosis level + RESPONSE_SHIFT + N(0, RETRO_SD)))       (the then-test)
 * with gain = GAIN.base, plus GAIN.need where the official's own diagnosis gap (area importance − level) is at
 * least NEED_GAP, except the planted cell GAIN.planted (rural-gmina management, data analysis) which is the
 * whole gain there. Rounding and the 1–5 clamp make the observed change a little smaller than the latent one
 * near the top of the scale.
 */
import type { JstKind } from '../domain/jst.ts';

/** The programme segment of a JST kind, as the diagnosis' report segments group them (cities with county rights with counties). */
export const pilotSegment = (kind: JstKind): 'rural' | 'urban' | 'county' =>
  kind === 'rural' || kind === 'urban_rural' ? 'rural' : kind === 'urban' ? 'urban' : 'county';

/** The programme of each JST family × staff group (the codes of the pilot instruments' programme question). */
export const PILOT_PROGRAMMES: Record<'rural' | 'urban' | 'county', Record<'management' | 'operational', string>> = {
  rural: { management: 'GW_K', operational: 'GW_O' },
  urban: { management: 'GM_K', operational: 'GM_O' },
  county: { management: 'PW_K', operational: 'PW_O' },
};

export const PILOT_DESIGN = { jstsPerFamily: 10, management: 2, operational: 2 };

export const GAIN = {
  /** latent gain of every trained item */
  base: 0.3,
  /** extra gain where the diagnosis found the official's need (own area gap ≥ NEED_GAP) */
  need: 0.2,
  /** the planted cell: rural-gmina management's data analysis rises by 0.6 in all */
  planted: { programme: 'GW_K', area: 'DANE', gain: 0.6 },
};
/** the official's own diagnosis gap (area mean importance − area mean level) that counts as a need */
export const NEED_GAP = 1;
export const CHANGE_SD = 0.45;
/** the retrospective pre lies this far below the diagnosis' pre on average (response shift) */
export const RESPONSE_SHIFT = -0.4;
export const RETRO_SD = 0.45;

/**
 * Drop-out (no end-of-programme response): logistic in the official's mean diagnosis level m,
 * P(drop) = 1 / (1 + exp(−(DROPOUT.intercept + DROPOUT.slope·(m − DROPOUT.centre)))): 40 % at m = 3.0,
 * 8 % at m = 3.5, 1 % at m = 4.0 (about 15–20 % of the officials; their mean baseline about 0.5 below the
 * completers'). Drop-outs rate only the first 1–4 modules.
 */
export const DROPOUT = { intercept: -2.4, slope: -4.0, centre: 3.5 };

/** Module reactions (1–5): latent mean, the poorly rated module's shift, person and answer noise. */
export const REACTION = {
  mean: 4.1,
  poorModule: { module: 'FIN', shift: -1.6 },
  personSd: 0.35,
  answerSd: 0.6,
  /** probability a module's reaction questionnaire is not returned */
  missing: 0.08,
};

/** The 3-month follow-up: who answers, how the ratings and barriers are drawn. */
export const FOLLOWUP = {
  response: 0.85,
  applied: 3.6,
  sd: 0.7,
  barriers: { time: 0.5, superiors: 0.2, funds: 0.35, data: 0.25, law: 0.15, fit: 0.1 } as Record<string, number>,
  planStatus: { adopted: 0.3, in_progress: 0.45, shelved: 0.1, dont_know: 0.15 } as Record<string, number>,
};

/** Fieldwork dates of the synthetic pilot (UTC). */
export const PILOT_DATES = { diagnosis: Date.UTC(2026, 2, 10), modules: Date.UTC(2026, 8, 1), post: Date.UTC(2027, 5, 15), followup: Date.UTC(2027, 8, 15) };
