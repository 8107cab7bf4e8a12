import type { Chapter } from './types.ts';

// Placeholder until the chapter is written: only its heading.
export const recommendationsChapter: Chapter = (report, ctx) => {
  report.h1(ctx.tr({ pl: 'Rekomendacje', en: "Recommendations" }));
};
