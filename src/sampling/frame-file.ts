/**
 * A sampling frame from a file, whichever of the two formats it is: the official GUS TERYT TERC register
 * (header `WOJ;POW;GMI;RODZ;NAZWA;…`, see terc.ts) or a frame CSV (header `teryt;name;kind;…`, see frame.ts).
 * The frame's default name and version: "TERC" and the register date (STAN_NA) for a register; the file name and
 * the first 12 hex digits of the file's SHA-256 for a frame CSV.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { DiagError } from '../errors.ts';
import { decodeText, splitFields, stripBom } from './delimited.ts';
import { frameFromTerc, readFrameCsv, type FrameUnit } from './frame.ts';
import { parseTerc, type TercSummary } from './terc.ts';

/** Whether a header line is the TERC register's (WOJ and NAZWA among its fields, quoted or not, split by ; , or tab). */
export function isTercHeader(line: string): boolean {
  return [';', ',', '\t'].some((sep) => {
    const split = splitFields(line, sep);
    if (!split.ok) return false;
    const names = split.fields.map((h) => h.trim().toUpperCase());
    return names.includes('WOJ') && names.includes('NAZWA');
  });
}

export interface FrameFile {
  format: 'terc' | 'frame-csv';
  name: string;
  version: string;
  units: FrameUnit[];
  /** TERC only: what the register held */
  summary?: TercSummary;
  /** TERC only: the field separator found */
  separator?: string;
}

export function readFrameFile(path: string, shownName = path): FrameFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${shownName}`, [{ file: shownName, message: 'file not found or not readable' }]);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new DiagError('FRAME_INVALID', `${shownName} cannot be read`, [{ file: shownName, message: `expected ${decoded.expected}` }]);
  const firstLine = stripBom(decoded.decoded.text).split(/\r?\n/, 1)[0] ?? '';
  if (isTercHeader(firstLine)) {
    const register = parseTerc(bytes, shownName);
    return { format: 'terc', name: 'TERC', version: register.date, units: frameFromTerc(register), summary: register.summary, separator: register.separator };
  }
  const units = readFrameCsv(decoded.decoded.text, shownName);
  const version = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return { format: 'frame-csv', name: basename(shownName, extname(shownName)), version, units };
}
