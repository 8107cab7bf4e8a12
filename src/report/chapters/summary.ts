import type { Chapter } from './types.ts';

// Placeholder until the chapter is written: only its heading.
export const summaryChapter: Chapter = (report, ctx) => {
  report.h1(ctx.tr({ pl: 'Najważniejsze wnioski', en: "Key findings" }));
};
