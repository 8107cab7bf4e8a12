/**
 * Chapter "Rekomendacje": the segment's two programmes (recommendations/programme.ts) in summary — per staff
 * group, its modules with kind, hours by year, mode and the evidence beside each in the one evidence
 * language (rules.ts), the e-learning courses, where the evidence is thin, and the scale — pointing to the
 * full programme documents. Every number goes through the ledger, with the programme documents' values.
 */
import type { CellValue, Report } from '../kit/index.ts';
import type { ProgrammeDoc } from '../../recommendations/programme.ts';
import { GROUPS, programmeFor, type Group, type ReportContext } from '../context.ts';
import { groupForms } from '../words.ts';
import type { Chapter } from './types.ts';
import { mwdsWithCi, quadrantWord } from '../programme/evidence-words.ts';
import { mwdsDefinitionNote } from '../programme/evidence.ts';
import { programmeFileBase } from '../programme/render.ts';
import {
  counted, fig, GROUPS as GROUP_NOUNS, hours, LABEL_WORDS, modeLoc, modeWord, pn, programmeContext, PEOPLE, STRENGTH_WORDS, tr, type ProgrammeContext,
} from '../programme/context.ts';
import { joinList, quote, segForms, sourceLine, t } from './wording.ts';

export const recommendationsChapter: Chapter = (report, ctx) => {
  const me = segForms(ctx, ctx.segment.code);
  report.h1(t(ctx, 'Rekomendacje', 'Recommendations'));
  const files = GROUPS.map((g) => programmeFor(ctx, g)).filter((p): p is ProgrammeDoc => !!p).map((p) => `${programmeFileBase(p, ctx.lang)}.pdf`);
  report.paragraph(t(ctx,
    `Dla ${me.gen} przygotowano dwa dwuletnie programy szkoleniowo-doradcze: dla kadry zarządzającej i dla pracowników operacyjnych. Każdy jest osobnym dokumentem (${joinList(ctx, files)}, z wersją do odczytu maszynowego w formacie JSON) z modułami, efektami uczenia się i treściami, harmonogramem, kursami e-learningowymi, standardami jakości, pilotażem i skalą wdrożenia. Ten rozdział je streszcza.`,
    `Two two-year training and advisory programmes were prepared for ${me.gen}: one for management and one for operational staff. Each is a document of its own (${joinList(ctx, files)}, with a machine-readable JSON version) holding the modules with learning outcomes and topics, the schedule, the e-learning courses, quality standards, the pilot and the scale of the rollout. This chapter summarises them.`));
  report.paragraph(t(ctx,
    'O tym, czy moduł jest podstawowy, uzupełniający czy niezalecany, rozstrzyga jedna reguła (rozdział „Metodologia”): moduł podstawowy leży zawsze w ćwiartce „Skoncentruj się tutaj” i ma dowody mocne lub umiarkowane, moduł uzupełniający nigdy nie ma dowodów mocniejszych niż umiarkowane. Godziny rosną z potrzebą w granicach zakresu modułu, a program w żadnym roku nie przekracza czasu, który deklarują badani.',
    'One rule (chapter "Methodology") decides whether a module is core, supplementary or not recommended: a core module always lies in the "Concentrate here" quadrant with strong or moderate evidence, a supplementary one never has evidence stronger than moderate. Hours grow with need within each module\'s range, and no year exceeds the time respondents say they can give.'));
  for (const g of GROUPS) groupSection(report, ctx, g);
};

function groupSection(report: Report, ctx: ReportContext, g: Group): void {
  const doc = programmeFor(ctx, g);
  const gf = groupForms(g, ctx.lang);
  report.h2(gf.title);
  if (!doc) {
    report.paragraph(t(ctx, 'Katalog programów nie zawiera programu dla tej grupy.', 'The programme catalogue holds no programme for this group.'));
    return;
  }
  const p = programmeContext(doc, ctx.lang, ctx.synthetic, ctx.ledger);
  const [y1, y2] = doc.schedule.years;
  const core = doc.modules.filter((m) => m.label === 'core');
  const supp = doc.modules.filter((m) => m.label === 'supplementary');
  const list = (ms: typeof core) => joinList(ctx, ms.map((m) => quote(ctx, tr(p, m.title))));
  const parts: string[] = [];
  parts.push(t(ctx,
    `${quote(ctx, tr(p, doc.title))} trwa dwa lata: ${hours(p, 'schedule.years[0]', y1)} w pierwszym roku i ${hours(p, 'schedule.years[1]', y2)} w drugim, w trybie ${modeLoc(p, doc.mode.preferred)}.`,
    `${quote(ctx, tr(p, doc.title))} runs for two years: ${hours(p, 'schedule.years[0]', y1)} in year 1 and ${hours(p, 'schedule.years[1]', y2)} in year 2, ${modeWord(p, doc.mode.preferred)}.`));
  if (doc.basis.evidenceFrom === 'segment') parts.push(t(ctx, `Wyniki tej grupy nie są publikowane osobno, dlatego program opiera się na odpowiedziach wszystkich badanych z ${p.seg.gen}.`, `This group's results are not published separately, so the programme rests on all respondents from ${p.seg.gen}.`));
  if (core.length) parts.push(t(ctx, `${core.length === 1 ? 'Moduł podstawowy' : 'Moduły podstawowe'}: ${list(core)}.`, `Core: ${list(core)}.`));
  if (supp.length) parts.push(t(ctx, `${supp.length === 1 ? 'Moduł uzupełniający' : 'Moduły uzupełniające'}: ${list(supp)}.`, `Supplementary: ${list(supp)}.`));
  parts.push(t(ctx, 'Na koniec zespół każdej JST przygotowuje lokalny plan podnoszenia jakości usług oświatowych.', 'Finally each JST team drafts its local plan for better education services.'));
  if (doc.elearning.length) parts.push(t(ctx,
    `Kursy e-learningowe uzupełniają program o ${joinList(ctx, doc.elearning.map((e) => quote(ctx, tr(p, e.title))))}.`,
    `E-learning courses add ${joinList(ctx, doc.elearning.map((e) => quote(ctx, tr(p, e.title))))}.`));
  const r = doc.scale.rollout.total;
  parts.push(t(ctx,
    `We wdrożeniu program obejmie ${counted(p, pn(p, 'scale.rollout.total.participants', r.participants), r.participants, PEOPLE.pl, PEOPLE.en)} z ${counted(p, pn(p, 'scale.rollout.jsts', doc.scale.rollout.jsts), doc.scale.rollout.jsts, ['JST', 'JST', 'JST'], ['JST', 'JSTs'])} w ${counted(p, pn(p, 'scale.rollout.total.groups', r.groups), r.groups, ['grupie', 'grupach', 'grupach'], ['group', 'groups'])}.`,
    `In the rollout the programme reaches ${counted(p, pn(p, 'scale.rollout.total.participants', r.participants), r.participants, PEOPLE.pl, PEOPLE.en)} from ${counted(p, pn(p, 'scale.rollout.jsts', doc.scale.rollout.jsts), doc.scale.rollout.jsts, ['', '', ''], ['JST', 'JSTs'])} in ${counted(p, pn(p, 'scale.rollout.total.groups', r.groups), r.groups, GROUP_NOUNS.pl, GROUP_NOUNS.en)}.`));
  report.paragraph(parts.join(' '), { keepWithNext: true });
  moduleTable(report, ctx, p);
  thinEvidence(report, ctx, p);
}

function moduleTable(report: Report, ctx: ReportContext, p: ProgrammeContext): void {
  const doc = p.doc;
  const rows: CellValue[][] = doc.modules.map((m) => {
    const e = m.evidence;
    return [
      `${m.order}. ${tr(p, m.title)}`,
      tr(p, LABEL_WORDS[m.label]!),
      m.years[0] ? pn(p, `modules[code=${m.code}].years[0]`, m.years[0]) : '–',
      m.years[1] ? pn(p, `modules[code=${m.code}].years[1]`, m.years[1]) : '–',
      e ? `${t(ctx, 'dowody', 'evidence')} ${tr(p, STRENGTH_WORDS[e.strength]!)}; ${quadrantWord(p, e.quadrant)}; MWDS ${mwdsWithCi(p, e, false)}; n${'\u00A0'}=${'\u00A0'}${fig(p, e.n)}` : t(ctx, 'wymóg programu (plan lokalny)', 'programme requirement (local plan)'),
    ];
  });
  report.table({
    title: t(ctx, `Z jakich modułów składa się program ${p.grp.forGroup} ${p.seg.gen}, ile godzin zajmują w każdym roku i na czym opiera się każdy z nich?`, `Which modules make up the programme for ${p.grp.nom} of ${p.seg.gen}, how many hours do they take each year, and what evidence supports each?`),
    columns: [
      { header: t(ctx, 'Moduł', 'Module'), width: 0.34 },
      { header: t(ctx, 'Rodzaj', 'Kind'), width: 0.13 },
      { header: t(ctx, 'Rok 1', 'Year 1'), width: 0.09, align: 'right' },
      { header: t(ctx, 'Rok 2', 'Year 2'), width: 0.09, align: 'right' },
      { header: t(ctx, 'Dowody', 'Evidence'), width: 0.35 },
    ],
    rows,
    notes: [mwdsDefinitionNote(ctx.lang, doc.basis), t(ctx,
      'Ćwiartka – położenie obszaru w analizie ważność–poziom. n – liczba badanych, na których odpowiedziach opiera się wskaźnik. Pełny opis modułów: dokument programu.',
      "Quadrant – the area's place in the importance–performance analysis. n – respondents the index rests on. The modules in full: the programme document.")],
    source: sourceLine(ctx),
  });
}

function thinEvidence(report: Report, ctx: ReportContext, p: ProgrammeContext): void {
  const doc = p.doc;
  const thin = doc.modules.filter((m) => m.evidence?.strength === 'thin');
  const moderate = doc.modules.filter((m) => m.evidence?.strength === 'moderate');
  const s: string[] = [];
  if (thin.length) s.push(t(ctx,
    `Dowody są słabe dla ${thin.length === 1 ? 'modułu' : 'modułów'} ${joinList(ctx, thin.map((m) => quote(ctx, tr(p, m.title))))}: ${thin.length === 1 ? 'trafił' : 'trafiły'} do programu, bo badani sami proszą o szkolenia w tym obszarze albo wskazują brak, na który moduł odpowiada, choć wskaźnik potrzeb nie jest wyraźnie wyższy od typowego. Warto ${thin.length === 1 ? 'go' : 'je'} potwierdzić w pilotażu.`,
    `The evidence is thin for ${joinList(ctx, thin.map((m) => quote(ctx, tr(p, m.title))))}: included because respondents ask for training there or name a lack the module answers, though the need index is not clearly above typical. The pilot should confirm ${thin.length === 1 ? 'it' : 'them'}.`));
  if (moderate.length) s.push(t(ctx,
    `${moderate.length === 1 ? 'Moduł' : 'Moduły'} ${joinList(ctx, moderate.map((m) => quote(ctx, tr(p, m.title))))} ${moderate.length === 1 ? 'ma' : 'mają'} dowody umiarkowane: jeden z dwóch sygnałów diagnozy jest wyraźny, drugi nie.`,
    `${joinList(ctx, moderate.map((m) => quote(ctx, tr(p, m.title))))} ${moderate.length === 1 ? 'has' : 'have'} moderate evidence: one of the diagnosis's two signals is clear, the other is not.`));
  if (!thin.length && !moderate.length && doc.modules.some((m) => m.evidence)) s.push(t(ctx, 'Dowody dla wszystkich modułów tematycznych są mocne: oba sygnały diagnozy wskazują te obszary wyraźnie.', 'The evidence for every thematic module is strong: both signals of the diagnosis point clearly to these areas.'));
  if (s.length) report.paragraph(s.join(' '));
}
