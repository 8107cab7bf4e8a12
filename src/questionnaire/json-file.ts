import { readFileSync } from 'node:fs';
import { DiagError } from '../errors.ts';

/** Reads and parses a JSON file; a syntax error names the file, line and column. */
export function readJsonFile(path: string): { text: string; value: unknown } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DiagError('INPUT_NOT_FOUND', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, [{ file: path, message: 'file not found or not readable' }]);
  }
  try {
    return { text, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    let where = '';
    if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    }
    throw new DiagError('QUESTIONNAIRE_INVALID', `${path} is not valid JSON${where}: ${message}`, [{ file: path, message: `malformed JSON${where}` }]);
  }
}
