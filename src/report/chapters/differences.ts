import type { Chapter } from './types.ts';

// Placeholder until the chapter is written: only its heading.
export const differencesChapter: Chapter = (report, ctx) => {
  report.h1(ctx.tr({ pl: 'Na tle innych JST', en: "Compared with other JSTs" }));
};
