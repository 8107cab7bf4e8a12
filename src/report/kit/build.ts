/**
 * Entry points: createReport for a Report to write into, buildReport to build one and get its bytes with
 * the table-of-contents retry.
 */
import { Report, type ReportOptions } from './document.ts';
import { TocOverflowError } from './toc.ts';

export function createReport(options: ReportOptions): Report {
  return new Report(options);
}

/**
 * Builds a report with `build` and returns its bytes. The table of contents reserves
 * `options.tocPages` pages (default 1); if its entries need more, the report is built once more with
 * the number needed, so `build` must be a pure function of its data (as every report is here).
 */
export async function buildReport(options: ReportOptions, build: (report: Report) => void | Promise<void>): Promise<{ bytes: Buffer; report: Report }> {
  let tocPages = options.tocPages ?? 1;
  for (let attempt = 0; ; attempt++) {
    const report = createReport({ ...options, tocPages });
    await build(report);
    try {
      return { bytes: await report.finish(), report };
    } catch (e) {
      if (!(e instanceof TocOverflowError) || attempt > 0) throw e;
      tocPages = e.needed;
    }
  }
}
