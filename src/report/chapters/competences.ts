import type { Chapter } from './types.ts';

// Placeholder until the chapter is written: only its heading.
export const competencesChapter: Chapter = (report, ctx) => {
  report.h1(ctx.tr({ pl: 'Kompetencje', en: " ważność a poziom:Competences: importance and level" }));
};
