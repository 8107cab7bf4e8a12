/**
 * Fieldwork state of a wave, JST by JST: who answered, who started (drafts autosaved, nothing sent yet) and who has
 * not started. This is administration for the research team (behind admin credentials), not a publication of
 * answers: it counts JSTs and responses, never tabulates what anyone answered.
 *
 * A JST has *answered* when at least one of its responses is data (stored within the invitation's slots, or an
 * over-quota response accepted); *started* when none is, but a draft is autosaved; *not started* otherwise.
 * Reminders go to the JSTs that have not answered (started or not started).
 */
import { waveNotFound } from './store/rows.ts';
import type { Store, Wave } from './store/types.ts';

export type JstStatus = 'answered' | 'started' | 'not_started';

export interface JstFieldwork {
  teryt: string;
  name: string;
  kind: string;
  voivodeship: string;
  status: JstStatus;
  slots: number;
  slotsUsed: number;
  responses: number;
  /** over-quota responses waiting for a decision */
  pending: number;
  drafts: number;
  /** invitation contacts on file */
  contacts: number;
  /** when the last invitation / reminder e-mail went to this JST (ISO), null if never */
  invitedAt: string | null;
  remindedAt: string | null;
}

export function statusOf(a: { responses: number; drafts: number }): JstStatus {
  if (a.responses > 0) return 'answered';
  return a.drafts > 0 ? 'started' : 'not_started';
}

/**
 * Every invited JST of the wave with its state. Responses imported for the wave (paper, phone: `diag import --wave`)
 * carry no invitation; they count for the JST named by their TERYT answer (`terytVariable`, the questionnaire's
 * TERYT role; an instrument that asks none, such as the pilot's, gives them no JST).
 */
export async function waveFieldwork(store: Store, waveName: string, terytVariable: string | undefined): Promise<{ wave: Wave; jsts: JstFieldwork[] }> {
  const wave = await store.getWave(waveName);
  if (!wave) throw waveNotFound(waveName);
  const [activity, units, contacts, log, responses] = await Promise.all([store.invitationActivity(wave.name), store.frameUnits(wave.frameId), store.listContacts(wave.name), store.listFieldworkLog(wave.name), store.listResponses({ wave: wave.name })]);
  const imported = new Map<string, number>();
  for (const r of responses) {
    if (r.invitationId !== null) continue;
    const teryt = terytVariable === undefined ? '' : String(r.data[terytVariable] ?? '');
    imported.set(teryt, (imported.get(teryt) ?? 0) + 1);
  }
  for (const a of activity) a.responses += imported.get(a.teryt) ?? 0;
  const unitOf = new Map(units.map((u) => [u.teryt, u]));
  const contactCount = new Map<string, number>();
  for (const c of contacts) contactCount.set(c.teryt, (contactCount.get(c.teryt) ?? 0) + 1);
  const last = (event: string) => {
    const m = new Map<string, string>();
    for (const e of log) if (e.event === event && e.teryt) m.set(e.teryt, e.at);
    return m;
  };
  const invited = last('invitation');
  const reminded = last('reminder');
  const jsts = activity.map((a) => {
    const u = unitOf.get(a.teryt);
    return {
      teryt: a.teryt, name: u?.name ?? '', kind: u?.kind ?? '', voivodeship: u?.voivodeship ?? '',
      status: statusOf(a), slots: a.slots, slotsUsed: a.slotsUsed, responses: a.responses, pending: a.pending, drafts: a.drafts,
      contacts: contactCount.get(a.teryt) ?? 0, invitedAt: invited.get(a.teryt) ?? null, remindedAt: reminded.get(a.teryt) ?? null,
    };
  });
  return { wave, jsts };
}
