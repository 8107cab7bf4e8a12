/**
 * `diag synth` streamed: the synthetic responses written to a CSV file as they are drawn, in flat memory — the same
 * bytes as `writeResponsesCsv(q, generateSynthetic(q, options).responses)`.
 *
 * Originals are written as they come and dropped; only the byte offset of each row is kept (8 bytes a respondent).
 * The duplicate submissions, drawn at the end (0.3 %), copy earlier responses: each original they copy is read back
 * from the file written so far, its cells parsed, and written again with the duplicate's id and times. Duplicates of
 * duplicates copy the duplicate's cells, kept while the duplicates are written.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import Papa from 'papaparse';
import { responseCells, responsesCsvLines } from '../responses/csv.ts';
import { recordColumns } from '../questionnaire/record.ts';
import type { Questionnaire } from '../questionnaire/types.ts';
import { duplicateTimes, synthesize, type SynthOptions, type SynthPlan } from './generate.ts';

/** Bytes gathered before one write. */
const CHUNK = 1 << 20;

export interface SynthFileResult extends SynthPlan {
  /** respondents written (originals and duplicates) */
  written: number;
  bytes: number;
}

/** Writes the synthetic responses to `path` (created or truncated) as CSV; returns the plan and what was written. */
export function writeSyntheticCsv(q: Questionnaire, options: SynthOptions, path: string): SynthFileResult {
  const columns = recordColumns(q);
  const col = (name: string) => columns.indexOf(name);
  const [ID, STARTED, SUBMITTED, DURATION] = [col('respondent_id'), col('started_at'), col('submitted_at'), col('duration_sec')];
  const fd = openSync(path, 'w+');
  try {
    let pending: string[] = [];
    let pendingBytes = 0;
    let bytes = 0;
    const flush = () => {
      if (pending.length === 0) return;
      const buffer = Buffer.from(pending.join(''), 'utf8');
      let at = 0;
      while (at < buffer.length) at += writeSync(fd, buffer, at, buffer.length - at);
      pending = [];
      pendingBytes = 0;
    };
    const write = (text: string) => {
      const n = Buffer.byteLength(text, 'utf8');
      pending.push(text);
      pendingBytes += n;
      bytes += n;
      if (pendingBytes >= CHUNK) flush();
    };

    write(responsesCsvLines.header(columns));
    // where each original's row starts; grown as needed (doubling), so 8 bytes a respondent
    let starts = new Float64Array(1024);
    let originals = 0;
    const plan = synthesize(q, options, (r) => {
      if (originals === starts.length) {
        const grown = new Float64Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[originals++] = bytes;
      write(responsesCsvLines.row(responseCells(q, columns, r)));
    });
    const originalsEnd = bytes;
    flush();

    /** The cells of an original, read back from the file. */
    const readOriginal = (index: number): string[] => {
      const from = starts[index]!;
      const to = index + 1 < originals ? starts[index + 1]! : originalsEnd;
      const buffer = Buffer.alloc(to - from);
      let at = 0;
      while (at < buffer.length) {
        const n = readSync(fd, buffer, at, buffer.length - at, from + at);
        if (n === 0) throw new Error(`synth: ${path} ended before the row of respondent ${index + 1}`);
        at += n;
      }
      const parsed = Papa.parse<string[]>(buffer.toString('utf8').replace(/\n$/, ''), { delimiter: ';', newline: '\n' });
      const cells = parsed.data[0];
      if (!cells || parsed.data.length !== 1 || cells.length !== columns.length) throw new Error(`synth: the row of respondent ${index + 1} did not read back from ${path}`);
      return cells;
    };

    const duplicates: string[][] = [];
    for (const draw of plan.duplicates) {
      const source = draw.source < originals ? readOriginal(draw.source) : duplicates[draw.source - originals]!;
      const times = duplicateTimes(draw, source[STARTED] || undefined, source[DURATION] === '' ? undefined : Number(source[DURATION]));
      const cells = [...source];
      cells[ID] = draw.id;
      cells[STARTED] = times.startedAt;
      cells[SUBMITTED] = times.submittedAt;
      duplicates.push(cells);
      write(responsesCsvLines.row(cells));
    }
    flush();
    return { ...plan, written: originals + plan.duplicates.length, bytes };
  } finally {
    closeSync(fd);
  }
}
