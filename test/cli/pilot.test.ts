import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, isParticipantCode, participantCode } from '../../src/domain/participant-code.ts';
import { runCli } from '../helpers/io.ts';

const root = join(import.meta.dirname, '..', '..');
const shipped = join(root, 'data-samples', 'pilot');

/** A copy of the shipped synthetic pilot whose `file` gets `edit` applied to its lines (0 = header). */
function copyWith(file: string, edit: (lines: string[], column: (name: string) => number) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'diag-pilot-cli-'));
  cpSync(shipped, dir, { recursive: true });
  const path = join(dir, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[0]!.replace(/^\uFEFF/, '').split(';');
  edit(lines, (name) => header.indexOf(name));
  writeFileSync(path, lines.join('\n'));
  return dir;
}
const setCell = (line: string, i: number, value: string) => line.split(';').map((c, j) => (j === i ? value : c)).join(';');
const cell = (line: string, i: number) => line.split(';')[i]!;

describe('diag pilot analyze', () => {
  it('analyses the shipped synthetic pilot into a results file that names no participant', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'diag-pilot-out-')), 'pilot-results.json');
    const r = await runCli(['pilot', 'analyze', '--dir', shipped, '--date', '2027-10-01', '--out', out]);
    expect(r.err).toMatch(/pilot: 120 officials linked; \d+ area cells, \d+ module-reaction cells; \d+ cells withheld/);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const results = JSON.parse(text);
    expect(results.kind).toBe('pilot-evaluation');
    expect(results.generatedAt).toBe('2027-10-01T12:00:00.000Z');
    for (const line of readFileSync(join(shipped, 'pilot-register.csv'), 'utf8').split('\n').slice(1, -1)) expect(text).not.toContain(line.split(';')[0]!);
  });

  it('a larger suppression.minN from --config withholds more', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'diag-pilot-cfg-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ suppression: { minN: 17 } }));
    const r = await runCli(['pilot', 'analyze', '--dir', shipped, '--config', join(dir, 'config.json')]);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.out);
    expect(results.config.minN).toBe(17);
    const published = results.change.filter((c: { stats: { n?: number } }) => c.stats.n !== undefined);
    expect(published.every((c: { stats: { n: number } }) => c.stats.n >= 17)).toBe(true);
    expect(results.change.some((c: { stats: { withheld?: true } }) => c.stats.withheld)).toBe(true);
  });

  it('a mistyped code (its check character fails) is refused, naming file, row and column', async () => {
    const dir = copyWith('pilot-post.csv', (lines, col) => {
      const i = col('participant_code');
      const code = cell(lines[5]!, i);
      const last = code.at(-1)!;
      lines[5] = setCell(lines[5]!, i, code.slice(0, -1) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(last) + 7) % 32]);
    });
    const r = await runCli(['pilot', 'analyze', '--dir', dir]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/pilot-post\.csv/);
    expect(r.err).toMatch(/row 6: respondent E\d+, participant_code = "[0-9A-Z-]+": expected a participant code: the check character does not match/);
  });

  it('a valid code the register does not know is refused, naming file, row and column', async () => {
    const stranger = participantCode('someone else\'s secret entirely', 'x');
    const dir = copyWith('pilot-followup.csv', (lines, col) => { lines[3] = setCell(lines[3]!, col('participant_code'), stranger); });
    const r = await runCli(['pilot', 'analyze', '--dir', dir]);
    expect(r.code).toBe(4);
    expect(r.err).toContain('cannot be linked: 1 problem');
    expect(r.err).toContain('pilot-followup.csv, row 4, participant_code: unknown participant code: not in the register');
  });

  it('a second end-of-programme response for one code is refused, naming both rows', async () => {
    const dir = copyWith('pilot-post.csv', (lines, col) => {
      // the same participant's answers sent again under another response id
      lines[7] = setCell(lines[2]!, col('respondent_id'), 'E9999');
    });
    const r = await runCli(['pilot', 'analyze', '--dir', dir]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/pilot-post\.csv, row 8, participant_code: a second end-of-programme response for one participant \(the first is row 3\)/);
  });

  it('a register row with a bad code or an unknown diagnosis response is refused', async () => {
    const dir = copyWith('pilot-register.csv', (lines) => {
      lines[1] = `ABCD-EFGH;${lines[1]!.split(';')[1]}`;
      lines[2] = `${lines[2]!.split(';')[0]};P9999`;
    });
    const r = await runCli(['pilot', 'analyze', '--dir', dir]);
    expect(r.code).toBe(4);
    expect(r.err).toContain('pilot-register.csv, row 2, participant_code: "ABCD-EFGH" is not a participant code: the check character does not match');
    expect(r.err).toContain('pilot-register.csv, row 3, respondent_id: no response "P9999" in');
  });

  it('says what it needs', async () => {
    const r = await runCli(['pilot', 'analyze', '--post', 'x.csv']);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/needs --dir DIR, or --diagnosis, --register and --post/);
  });

  it('codes: issues the register for the listed officials from a secret file, the same codes again, never printing the secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'diag-pilot-codes-'));
    writeFileSync(join(dir, 'secret.txt'), 'a long secret the research team keeps\n');
    writeFileSync(join(dir, 'ids.txt'), 'P0003\nP0007\nP0011\n');
    const args = ['pilot', 'codes', '--diagnosis', join(shipped, 'pilot-diagnosis.csv'), '--secret-file', join(dir, 'secret.txt'), '--ids', join(dir, 'ids.txt')];
    const r = await runCli([...args, '--out', join(dir, 'a.csv')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('3 participant codes written');
    expect(r.err + r.out).not.toContain('long secret');
    const lines = readFileSync(join(dir, 'a.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('participant_code;respondent_id');
    expect(lines.slice(1).map((l) => l.split(';')[1])).toEqual(['P0003', 'P0007', 'P0011']);
    expect(lines.slice(1).every((l) => isParticipantCode(l.split(';')[0]!))).toBe(true);
    await runCli([...args, '--out', join(dir, 'b.csv')]);
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe(readFileSync(join(dir, 'a.csv'), 'utf8'));

    writeFileSync(join(dir, 'ids.txt'), 'P0003\nX9\n');
    const bad = await runCli([...args, '--out', join(dir, 'c.csv')]);
    expect(bad.code).toBe(4);
    expect(bad.err).toMatch(/ids\.txt, row 2: no response "X9"/);
    writeFileSync(join(dir, 'short.txt'), 'short');
    const short = await runCli(['pilot', 'codes', '--diagnosis', join(shipped, 'pilot-diagnosis.csv'), '--secret-file', join(dir, 'short.txt'), '--out', join(dir, 'd.csv')]);
    expect(short.code).toBe(4);
    expect(short.err).toContain('at least 16 characters');
  });

  it('synth --pilot writes the five files of the shipped sample for seed 2026, and refuses the diagnosis-only options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'diag-pilot-synth-'));
    const r = await runCli(['synth', '--pilot', '--out', dir, '--seed', '2026']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/120 officials in 30 JSTs/);
    for (const f of ['pilot-diagnosis.csv', 'pilot-register.csv', 'pilot-reactions.csv', 'pilot-post.csv', 'pilot-followup.csv']) {
      expect(readFileSync(join(dir, f), 'utf8')).toBe(readFileSync(join(shipped, f), 'utf8'));
    }
    const bad = await runCli(['synth', '--pilot', '--out', dir, '--respondents', '50']);
    expect(bad.code).toBe(64);
    expect(bad.err).toContain('--respondents and --frame-out do not apply');
  });
});
