import type { Chapter } from './types.ts';

// Placeholder until the chapter is written: only its heading.
export const keyCompetencesChapter: Chapter = (report, ctx) => {
  report.h1(ctx.tr({ pl: 'Rozwiązania wspierające kompetencje kluczowe uczniów', en: "Solutions for pupils' key competences" }));
};
