import type { Report } from '../kit/index.ts';
import type { ReportContext } from '../context.ts';

/** A chapter writes itself into the report; it reads the context and computes nothing statistical. */
export type Chapter = (report: Report, ctx: ReportContext) => void;
