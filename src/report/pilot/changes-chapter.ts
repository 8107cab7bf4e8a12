/**
 * The pilot report's chapter "Zmiany w katalogu programów / Changes to the programme catalogue": the change list
 * of changes.ts, one table per catalogue programme, in the report's language. The same list is written beside
 * the PDF as catalogue-changes.json and .csv (changes-files.ts).
 */
import type { Localized } from '../../questionnaire/types.ts';
import { formatCi, formatNumber, suppressed, type CellValue, type Report } from '../kit/index.ts';
import { CHANGES_FILES, DECISION_LABEL } from './changes-files.ts';
import type { CatalogueChange, CatalogueChanges, ChangeRule } from './changes.ts';

type T = (pl: string, en: string) => string;

export const CHANGES_TITLE: Localized = { pl: 'Zmiany w katalogu programów', en: 'Changes to the programme catalogue' };

/** What the decision column says: the decision, and for a revision what to revise. */
const RULE_SHORT: Record<ChangeRule, Localized | null> = {
  keep: null,
  'keep-capstone': null,
  drop: null,
  'drop-capstone': { pl: 'zastąpić nowym', en: 'replace' },
  'revise-delivery': { pl: 'sposób prowadzenia', en: 'delivery' },
  'revise-content': { pl: 'treść', en: 'content' },
  'revise-delivery-content': { pl: 'sposób prowadzenia i treść', en: 'delivery and content' },
  withheld: { pl: 'za mało osób', en: 'too few people' },
  'not-piloted': { pl: 'poza pilotażem', en: 'not piloted' },
};

export function changesChapter(report: Report, list: CatalogueChanges, t: T): void {
  const lang = report.lang;
  const n2 = (x: number) => formatNumber(x, { decimals: 2, lang });
  const hours = (a: number, b: number) => (a === b ? String(a) : `${a}–${b}`);
  report.h1(CHANGES_TITLE[lang], { newPage: false });
  const counts = { keep: 0, revise: 0, drop: 0, none: 0 };
  for (const c of list.changes) counts[c.decision]++;
  const freed = list.programmes.reduce((a, p) => ({ min: a.min + p.hoursFreed.min, max: a.max + p.hoursFreed.max }), { min: 0, max: 0 });
  const sha = list.catalogue.sha256.slice(0, 12);
  report.paragraph(t(
    `Zmiany, które decyzje pilotażu wprowadzają do obecnego katalogu programów (${list.catalogue.file}, wersja ${list.catalogue.version}, SHA-256 ${sha}…) przed wdrożeniem, dla każdego modułu każdego programu: zachować ${counts.keep}, poprawić ${counts.revise}, usunąć ${counts.drop}, bez decyzji ${counts.none}; ${freed.max ? `usunięcia zwalniają łącznie ${hours(freed.min, freed.max)} godz.` : 'żaden moduł nie jest usuwany.'} Moduł bez decyzji pozostaje bez zmian. Tę samą listę zawierają pliki ${CHANGES_FILES.json} i ${CHANGES_FILES.csv} zapisane obok raportu.`,
    `The changes the pilot's decisions make to the current programme catalogue (${list.catalogue.file}, version ${list.catalogue.version}, SHA-256 ${sha}…) before the rollout, for every module of every programme: keep ${counts.keep}, revise ${counts.revise}, drop ${counts.drop}, no decision ${counts.none}; ${freed.max ? `the drops free ${hours(freed.min, freed.max)} hours in all` : 'no module is dropped'}. A module without a decision stays as it is. The files ${CHANGES_FILES.json} and ${CHANGES_FILES.csv}, written beside the report, hold the same list.`));
  for (const p of list.programmes) {
    const rows = list.changes.filter((c) => c.programme === p.programme);
    report.h2(`${p.programme}: ${p.title[lang]}`);
    report.table({
      title: t(`Co zmienić w programie ${p.programme}?`, `What changes in programme ${p.programme}?`),
      columns: [
        { header: t('Moduł', 'Module'), width: 0.2 },
        { header: t('Decyzja', 'Decision'), width: 0.15 },
        { header: t('Zmiana do wprowadzenia', 'Change to make'), width: 0.33 },
        { header: t('Ocena (n)', 'Rating (n)'), align: 'right', width: 0.1 },
        { header: t('Przyrost (n)', 'Rise (n)'), align: 'right', width: 0.1 },
        { header: t('95% PU (JST)', '95% CI (JST)'), align: 'right' },
      ],
      rows: rows.map((c) => row(c, lang, n2, t)),
      notes: [t(
        `Program obejmuje teraz ${hours(p.hours.min, p.hours.max)} godz.${p.hoursFreed.max ? `; usunięcia zwalniają ${hours(p.hoursFreed.min, p.hoursFreed.max)} godz.` : ''} Ocena: średnia czterech skal 1–5 (* wszystkie programy łącznie); przyrost: zmiana poziomu w obszarze modułu od diagnozy do końca programu, w punktach skali 1–5; nd. – moduł końcowy nie odpowiada jednemu obszarowi albo nie był oceniany.`,
        `The programme now takes ${hours(p.hours.min, p.hours.max)} hours${p.hoursFreed.max ? `; the drops free ${hours(p.hoursFreed.min, p.hoursFreed.max)} hours` : ''}. Rating: mean of the four 1–5 scales (* all programmes together); rise: change of the level in the module's area from the diagnosis to the end of the programme, in points of the 1–5 scale; n/a – the closing module trains no single area, or the module was not rated.`)],
    });
  }
  report.paragraph(t('Reguły, według których zapadły decyzje:', 'The rules that gave the decisions:'), { keepWithNext: true });
  const fired = [...new Map(list.changes.map((c) => [c.rule, c.ruleText[lang]])).values()];
  report.bullets(fired);
}

function row(c: CatalogueChange, lang: 'pl' | 'en', n2: (x: number) => string, t: T): CellValue[] {
  const qualifier = RULE_SHORT[c.rule];
  const decision = { text: `${DECISION_LABEL[c.decision][lang]}${qualifier ? ` (${qualifier[lang]})` : ''}`, bold: c.decision !== 'keep' };
  const withheld = c.rule === 'withheld';
  const na = t('nd.', 'n/a');
  const rating: CellValue = c.reaction ? `${n2(c.reaction.mean)}${c.reaction.pooled ? '*' : ''} (${c.reaction.n})` : withheld ? suppressed() : na;
  const noArea = c.area === null;
  const rise: CellValue = c.gain ? `${n2(c.gain.mean)} (${c.gain.n})` : withheld && !noArea ? suppressed() : na;
  const ci: CellValue = c.gain ? formatCi(c.gain.ciLow, c.gain.ciHigh, { lang }) : withheld && !noArea ? suppressed() : na;
  return [c.title[lang], decision, c.brief[lang], rating, rise, ci];
}
