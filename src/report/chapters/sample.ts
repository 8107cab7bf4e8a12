import type { Chapter } from './types.ts';

// Placeholder until the chapter is written: only its heading.
export const sampleChapter: Chapter = (report, ctx) => {
  report.h1(ctx.tr({ pl: 'O badaniu', en: "About the survey" }));
};
