import type { FrameUnit } from '../../src/sampling/frame.ts';
import type { NewInvitation, NewWave, Store } from '../../src/responses/store/types.ts';
import { hashToken, newToken } from '../../src/responses/store/tokens.ts';

export const UNITS: FrameUnit[] = [
  { teryt: '0201000', name: 'powiat bolesławiecki', kind: 'county', voivodeship: '02', county: '0201', population: 90000, synthetic: false },
  { teryt: '0201011', name: 'Bolesławiec', kind: 'urban', voivodeship: '02', county: '0201', population: 38000, schools: 12, pupils: 4100, synthetic: false },
  { teryt: '0201022', name: 'Gmina Bolesławiec', kind: 'rural', voivodeship: '02', county: '0201', synthetic: true },
  { teryt: '0261011', name: 'Jelenia Góra', kind: 'city_county', voivodeship: '02', county: '0261', population: 78000, schools: 30, pupils: 9000, synthetic: false },
];

export function newWave(frameId: number, name = 'w1', slots = 2): NewWave {
  return {
    name,
    frameId,
    sampleSize: 2,
    strata: ['kind'],
    allocation: 'proportional',
    seed: '42',
    slots,
    allocationTable: [{ key: 'urban', values: { kind: 'urban' }, frameSize: 1, sd: null, sdImputed: false, target: 1, allocated: 1, achieved: 1, inclusionProbability: 1, baseWeight: 1 }],
    secretFingerprint: '0123456789abcdef',
  };
}

/** A wave over UNITS[1] and UNITS[3] with fresh tokens; returns the tokens by TERYT code. */
export async function waveWithTokens(store: Store, name = 'w1', slots = 2): Promise<{ tokens: Record<string, string>; hashes: Record<string, string> }> {
  const frame = (await store.findFrame()) ?? (await store.importFrame({ name: 'test', version: '1', source: 'fixtures' }, UNITS)).frame;
  const tokens: Record<string, string> = {};
  const hashes: Record<string, string> = {};
  const invitations: NewInvitation[] = [UNITS[1]!, UNITS[3]!].map((u) => {
    tokens[u.teryt] = newToken(24);
    hashes[u.teryt] = hashToken(tokens[u.teryt]!);
    return { teryt: u.teryt, tokenHash: hashes[u.teryt]!, slots, stratum: u.kind, inclusionProbability: 1, baseWeight: 1 };
  });
  await store.createWave(newWave(frame.id, name, slots), invitations);
  return { tokens, hashes };
}
