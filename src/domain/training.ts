/**
 * The closed vocabularies of training preferences that the programmes understand: the choice values a
 * questionnaire's training-forms, training-mode and training-days questions (roles.trainingForms, trainingMode,
 * trainingDays of its programme metadata) must use, and the catalogue's forms.
 */

/** Forms of training (the catalogue gives each a label and, where fixed, a mode). */
export const FORMS = ['workshops', 'elearning', 'coaching', 'study_visits', 'peer_networks'] as const;
export type Form = (typeof FORMS)[number];

/** Modes of the sessions. */
export const MODES = ['onsite', 'online', 'hybrid'] as const;
export type Mode = (typeof MODES)[number];

/** The categories of days a year respondents can give to training, in scale order, each with the days it counts for. */
export const DAYS_PER_YEAR: Readonly<Record<string, number>> = { le2: 2, '3_5': 4, '6_10': 8, gt10: 10 };
