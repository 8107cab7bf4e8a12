import type { Chapter } from './types.ts';

// Placeholder until the chapter is written: only its heading.
export const prioritiesChapter: Chapter = (report, ctx) => {
  report.h1(ctx.tr({ pl: 'Priorytety szkoleniowe', en: "Training priorities" }));
};
