/**
 * Survey waves: a stratified random sample of JSTs from a stored frame, reproducible from its seed, with one
 * invitation per sampled JST, and the mail-merge file of their links.
 *
 * Tokens (see store/tokens.ts for the reasoning): each wave has a 256-bit secret in the data folder,
 * `secrets/wave-<name>.key` (mode 0600, written and fsynced before the wave is stored); a JST's token is an HMAC of
 * the wave and its TERYT code under that secret, and the database keeps only the token's SHA-256. `wave links`
 * re-derives the tokens from the secret, so the links file can be printed again by whoever holds the secret file,
 * and by nobody who only has the database.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { DiagError } from '../errors.ts';
import type { SurveyResponse } from '../questionnaire/response.ts';
import { instrumentRef, type InstrumentRef, type SurveyInstrument } from '../questionnaire/types.ts';
import type { StratumVariable } from '../sampling/frame.ts';
import { drawStratifiedSample, type AllocationMethod, type NeymanVariable, type StratifiedSample } from '../sampling/sample.ts';
import { neutraliseCell } from './csv-safe.ts';
import { waveNotFound } from './store/rows.ts';
import { hashToken, invitationToken, newWaveSecret, secretFingerprint } from './store/tokens.ts';
import type { Store, Wave } from './store/types.ts';

export const WAVE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface CreateWaveOptions {
  name: string;
  size: number;
  strata: StratumVariable[];
  allocation: AllocationMethod;
  seed: string;
  /** respondent slots per invitation (default 3) */
  slots?: number;
  /** frame name (default: the latest frame imported) */
  frame?: string;
  neymanVariable?: NeymanVariable;
  /** the data folder that keeps the wave secrets */
  dataDir: string;
  /** the questionnaire the wave collects: recorded, and checked by the server, the import and the analysis */
  instrument?: InstrumentRef;
}

export interface CreatedWave {
  wave: Wave;
  sample: StratifiedSample;
  secretFile: string;
}

/**
 * Refuses to collect, import or analyse a wave's answers with another questionnaire than the one the wave was
 * created for (a wave created before instruments were recorded is checked against nothing). `doing` names the use,
 * `fix` what to do instead.
 */
export async function assertWaveInstrument(store: Store, wave: string, q: SurveyInstrument, doing: string, fix = 'pass --questionnaire with the file the wave was created for'): Promise<void> {
  const found = await store.getWave(wave);
  if (!found) return;
  assertInstrument(found, q, doing, fix);
}

export function assertInstrument(wave: Pick<Wave, 'name' | 'instrument'>, q: SurveyInstrument, doing: string, fix = 'pass --questionnaire with the file the wave was created for'): void {
  const bound = wave.instrument;
  if (!bound || bound.sha256 === q.hash) return;
  const given = instrumentRef(q);
  throw new DiagError('CONFIG_INVALID', `wave ${wave.name} collects ${bound.file} version ${bound.version}, not ${given.file} version ${given.version}: cannot ${doing}`, [
    { column: 'questionnaire', message: `the wave's questionnaire has SHA-256 ${bound.sha256.slice(0, 12)}…, the one given ${given.sha256.slice(0, 12)}…; ${fix}` },
  ]);
}

/**
 * The stored responses an instrument reads: one wave's (checked to be of this instrument), or, without a wave, every
 * response except those of waves bound to another instrument (a store holds the diagnosis and the pilot's waves side
 * by side; imported responses of a wave never created are the instrument's).
 */
export async function responsesOf(store: Store, q: SurveyInstrument, wave: string | undefined, doing: string): Promise<SurveyResponse[]> {
  if (wave !== undefined) {
    await assertWaveInstrument(store, wave, q, doing);
    return store.listResponses({ wave });
  }
  return (await withoutForeignWaves(store, q.hash, await store.listResponses())).responses;
}

/**
 * Responses less those of waves bound to another instrument than the one of this SHA-256; `foreign` names those
 * waves and counts the responses left out.
 */
export async function withoutForeignWaves<R extends SurveyResponse>(store: Store, sha256: string, all: R[]): Promise<{ responses: R[]; foreign: { waves: string[]; count: number } }> {
  const waves = new Set((await store.listWaves()).filter((w) => w.instrument && w.instrument.sha256 !== sha256).map((w) => w.name));
  if (waves.size === 0) return { responses: all, foreign: { waves: [], count: 0 } };
  const responses = all.filter((r) => r.meta.wave === undefined || !waves.has(r.meta.wave));
  return { responses, foreign: { waves: [...waves], count: all.length - responses.length } };
}

export function secretPath(dataDir: string, wave: string): string {
  return join(dataDir, 'secrets', `wave-${wave}.key`);
}

export async function createWave(store: Store, o: CreateWaveOptions): Promise<CreatedWave> {
  if (!WAVE_NAME.test(o.name)) throw new DiagError('USAGE', `--name must be 1–64 letters, digits, "_", "." or "-", starting with a letter or digit, got "${o.name}"`);
  const slots = o.slots ?? 3;
  if (!Number.isInteger(slots) || slots < 1) throw new DiagError('USAGE', `--slots must be a whole number ≥ 1, got ${slots}`);
  if (await store.getWave(o.name)) throw new DiagError('CONFIG_INVALID', `a wave named "${o.name}" already exists`, [{ column: 'name', message: 'choose another --name' }]);
  const frame = await store.findFrame(o.frame);
  if (!frame) throw new DiagError('INPUT_NOT_FOUND', o.frame ? `no frame named "${o.frame}" in the store` : 'the store holds no sampling frame', [{ message: 'load one first: diag frame import FILE' }]);
  const units = await store.frameUnits(frame.id);
  const sample = drawStratifiedSample(units, { size: o.size, strata: o.strata, allocation: o.allocation, seed: o.seed, ...(o.neymanVariable ? { neymanVariable: o.neymanVariable } : {}) });

  const secret = newWaveSecret();
  const secretFile = secretPath(o.dataDir, o.name);
  writeSecret(secretFile, secret);
  try {
    const wave = await store.createWave(
      { name: o.name, frameId: frame.id, sampleSize: o.size, strata: o.strata, allocation: o.allocation, seed: o.seed, slots, allocationTable: sample.strata, secretFingerprint: secretFingerprint(secret), ...(o.instrument ? { instrument: o.instrument } : {}) },
      sample.units.map((u) => ({ teryt: u.teryt, tokenHash: hashToken(invitationToken(secret, o.name, u.teryt)), slots, stratum: u.stratum, inclusionProbability: u.inclusionProbability, baseWeight: u.baseWeight })),
    );
    return { wave, sample, secretFile };
  } catch (e) {
    rmSync(secretFile, { force: true });
    throw e;
  }
}

/** Writes the secret durably, readable by its owner only. */
function writeSecret(file: string, secret: Buffer): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, `${secret.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function readSecret(dataDir: string, wave: Wave): Buffer {
  const file = secretPath(dataDir, wave.name);
  if (!existsSync(file)) {
    throw new DiagError('INPUT_NOT_FOUND', `the secret of wave "${wave.name}" is not in this data folder (${file})`, [
      { file, message: 'run `diag wave links` where the wave was created, or set DIAG_DATA_DIR to that data folder' },
    ]);
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secretFingerprint(secret) !== wave.secretFingerprint) {
    throw new DiagError('CONFIG_INVALID', `${file} is not the secret of wave "${wave.name}" in this store`, [{ file, message: 'its fingerprint differs from the one stored with the wave' }]);
  }
  return secret;
}

export interface InvitationLink {
  teryt: string;
  name: string;
  kind: string;
  voivodeship: string;
  slots: number;
  link: string;
}

export async function waveLinks(store: Store, dataDir: string, waveName: string, baseUrl: string): Promise<InvitationLink[]> {
  const wave = await store.getWave(waveName);
  if (!wave) throw waveNotFound(waveName);
  let base: URL;
  try {
    base = new URL(baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error('not http');
  } catch {
    throw new DiagError('USAGE', `--base-url must be an http(s) address such as https://ankieta.example.pl, got "${baseUrl}"`);
  }
  const secret = readSecret(dataDir, wave);
  const units = new Map((await store.frameUnits(wave.frameId)).map((u) => [u.teryt, u]));
  const prefix = base.toString().replace(/\/+$/, '');
  return (await store.listInvitations(waveName)).map((inv) => {
    const token = invitationToken(secret, wave.name, inv.teryt);
    if (hashToken(token) !== inv.tokenHash) throw new DiagError('CONFIG_INVALID', `the token of ${inv.teryt} does not match its stored hash`, [{ message: 'the wave secret or the stored invitations were changed' }]);
    const unit = units.get(inv.teryt);
    return { teryt: inv.teryt, name: unit?.name ?? '', kind: unit?.kind ?? '', voivodeship: unit?.voivodeship ?? '', slots: inv.slots, link: `${prefix}/s/${token}` };
  });
}

/** The mail-merge CSV: UTF-8 with BOM, `;`, CRLF. */
export function linksCsv(links: readonly InvitationLink[]): string {
  const fields = ['teryt', 'name', 'kind', 'voivodeship', 'slots', 'link'];
  const data = links.map((l) => [l.teryt, neutraliseCell(l.name), l.kind, l.voivodeship, String(l.slots), l.link]);
  return `\uFEFF${Papa.unparse({ fields, data }, { delimiter: ';', newline: '\r\n' })}\r\n`;
}
