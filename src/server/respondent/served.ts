/**
 * The instruments one server serves: the questionnaire it was started with (its links at `/s/<token>`, its API at
 * `/api/s/<token>/…`) and any others, e.g. the pilot's module-reaction, end-of-programme and follow-up questionnaires
 * (each under `/q/<id>`, where id is the first 12 hex digits of its SHA-256). A link is always `/s/<token>`: for a
 * wave bound to another served instrument the page redirects to that instrument's path, so invitation e-mails,
 * mail-merge files and `diag wave links` are the same for every instrument.
 */
import type { SurveyInstrument } from '../../questionnaire/types.ts';

export interface ServedInstrument {
  instrument: SurveyInstrument;
  /** the path prefix of its pages and API: '' for the server's own questionnaire, else `/q/<id>` */
  base: string;
  /** the name of its SurveyJS JSON under /assets/ */
  asset: string;
}

export const instrumentId = (i: SurveyInstrument): string => i.hash.slice(0, 12);

/** The main questionnaire first, then each other instrument once (one with the main one's hash is the main one). */
export function servedInstruments(main: SurveyInstrument, others: readonly SurveyInstrument[] = []): ServedInstrument[] {
  const out: ServedInstrument[] = [{ instrument: main, base: '', asset: 'questionnaire.json' }];
  const seen = new Set([main.hash]);
  for (const i of others) {
    if (seen.has(i.hash)) continue;
    seen.add(i.hash);
    out.push({ instrument: i, base: `/q/${instrumentId(i)}`, asset: `questionnaire-${instrumentId(i)}.json` });
  }
  return out;
}

/** The SurveyJS JSON's URL, versioned by its hash so browsers never keep an old one. */
export function questionnaireUrl(s: ServedInstrument): string {
  return `/assets/${s.asset}?v=${instrumentId(s.instrument)}`;
}
