/**
 * Chapters "Standardy jakości i pilotaż" (what the pilot measures in each module and the bar it must reach,
 * the delivery standards) and "Skala wdrożenia" (participants, groups, trainer-days and hours, in total and
 * by voivodeship).
 */
import { VOIVODESHIPS } from '../../domain/jst.ts';
import type { Scale, ScaleRow } from '../../recommendations/rollout.ts';
import type { CellValue, Report } from '../kit/index.ts';
import { suppressed } from '../kit/index.ts';
import { counted, fig, GROUPS, GROUPS_LOC, hours, PEOPLE, pn, ppct, quote, sourceLine, t, tn, tr, type ProgrammeContext } from './context.ts';

export function qualityChapter(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  const qa = d.quality;
  const pilot = d.scale.pilot;
  report.h1(t(ctx, 'Standardy jakości i pilotaż', 'Quality standards and the pilot'));
  // the standards as one box, kept on one page
  report.box(t(ctx, 'Standardy realizacji', 'Delivery standards'), [
    t(ctx, `Grupy liczą najwyżej ${counted(ctx, pn(ctx, 'scale.plan.maxGroupSize', d.scale.plan.maxGroupSize), d.scale.plan.maxGroupSize, PEOPLE.pl, PEOPLE.en)}.`, `Groups have at most ${counted(ctx, pn(ctx, 'scale.plan.maxGroupSize', d.scale.plan.maxGroupSize), d.scale.plan.maxGroupSize, PEOPLE.pl, PEOPLE.en)}.`),
    ...qa.standards.map((s) => tr(ctx, s)),
  ]);
  report.paragraph(t(ctx,
    `Pilotaż programu obejmie ${counted(ctx, pn(ctx, 'scale.pilot.jsts', pilot.jsts), pilot.jsts, ['JST', 'JST', 'JST'], ['JST', 'JSTs'])} i ${counted(ctx, pn(ctx, 'scale.pilot.total.participants', pilot.total.participants), pilot.total.participants, PEOPLE.pl, PEOPLE.en)} w ${counted(ctx, pn(ctx, 'scale.pilot.total.groups', pilot.total.groups), pilot.total.groups, GROUPS_LOC.pl, GROUPS_LOC.en)}. Program przechodzi do wdrożenia, jeżeli w pilotażu osiągnie wszystkie poniższe progi; moduł, który progu nie osiąga, jest poprawiany przed wdrożeniem.`,
    `The pilot covers ${counted(ctx, pn(ctx, 'scale.pilot.jsts', pilot.jsts), pilot.jsts, ['', '', ''], ['JST', 'JSTs'])} and ${counted(ctx, pn(ctx, 'scale.pilot.total.participants', pilot.total.participants), pilot.total.participants, PEOPLE.pl, PEOPLE.en)} in ${counted(ctx, pn(ctx, 'scale.pilot.total.groups', pilot.total.groups), pilot.total.groups, GROUPS.pl, GROUPS.en)}. The programme goes on to the rollout if the pilot reaches every bar below; a module that misses a bar is revised first.`), { keepWithNext: true });
  const crit = qa.planCriteria.map((c) => tr(ctx, c)).join('; ');
  report.bullets(ctx.lang === 'pl' ? [
    [{ text: 'Frekwencja: ', bold: true }, `co najmniej ${ppct(ctx, 'quality.attendance.participants', qa.attendance.participants)} uczestników bierze udział w co najmniej ${ppct(ctx, 'quality.attendance.hours', qa.attendance.hours)} godzin zajęć.`],
    [{ text: 'Przyrost kompetencji: ', bold: true }, `średnia samoocena poziomu w zadaniach modułu rośnie co najmniej o ${pn(ctx, 'quality.levelGain', qa.levelGain)} punktu na skali 1–5, a poprawę zgłasza co najmniej ${ppct(ctx, 'quality.improvedShare', qa.improvedShare)} uczestników (pomiar przed modułem i po nim, pytania jak w diagnozie).`],
    [{ text: 'Ocena zajęć: ', bold: true }, `średnia ocena przydatności modułu co najmniej ${pn(ctx, 'quality.satisfaction', qa.satisfaction, 1)} na skali 1–5.`],
    [{ text: 'Plan lokalny: ', bold: true }, `co najmniej ${ppct(ctx, 'quality.plans', qa.plans)} JST przyjmuje plan spełniający co najmniej ${pn(ctx, 'quality.planCriteriaMin', qa.planCriteriaMin)} z ${pn(ctx, 'quality.planCriteria.length', qa.planCriteria.length)} kryteriów: ${crit}.`],
  ] : [
    [{ text: 'Attendance: ', bold: true }, `at least ${ppct(ctx, 'quality.attendance.participants', qa.attendance.participants)} of participants attend at least ${ppct(ctx, 'quality.attendance.hours', qa.attendance.hours)} of the hours.`],
    [{ text: 'Competence gain: ', bold: true }, `the mean self-rated level in the module's tasks rises by at least ${pn(ctx, 'quality.levelGain', qa.levelGain)} points on the 1–5 scale, and at least ${ppct(ctx, 'quality.improvedShare', qa.improvedShare)} of participants improve (measured before and after the module, with the diagnosis's questions).`],
    [{ text: 'Rating: ', bold: true }, `a mean usefulness rating of at least ${pn(ctx, 'quality.satisfaction', qa.satisfaction, 1)} on the 1–5 scale.`],
    [{ text: 'Local plan: ', bold: true }, `at least ${ppct(ctx, 'quality.plans', qa.plans)} of JSTs adopt a plan meeting at least ${pn(ctx, 'quality.planCriteriaMin', qa.planCriteriaMin)} of the ${pn(ctx, 'quality.planCriteria.length', qa.planCriteria.length)} criteria: ${crit}.`],
  ]);

  if (qa.measures.length) {
    const rows: CellValue[][] = qa.measures.map((m) => {
      const mod = d.modules.find((x) => x.code === m.module)!;
      return [
        `${tn(ctx, 'module order', mod.order)}. ${tr(ctx, mod.title)}`,
        m.items.map((it) => `– ${tr(ctx, it.label)}`).join('\n'),
        m.baseline ? fig(ctx, m.baseline.value) : suppressed(),
        m.target === null ? suppressed() : pn(ctx, `quality.measures[module=${m.module}].target`, m.target, 2),
      ];
    });
    report.table({
      title: t(ctx, 'Co pilotaż mierzy w każdym module i jaki wynik musi osiągnąć?', 'What does the pilot measure in each module, and what result must it reach?'),
      columns: [
        { header: t(ctx, 'Moduł', 'Module'), width: 0.26 },
        { header: t(ctx, 'Zadania, w których uczestnik ocenia swój poziom (pytania z diagnozy)', 'Tasks participants rate their level in (the diagnosis questions)'), width: 0.5 },
        { header: t(ctx, 'Poziom dziś', 'Level now'), width: 0.12, align: 'right' },
        { header: t(ctx, 'Próg po module', 'Bar after the module'), width: 0.12, align: 'right' },
      ],
      rows,
      notes: [t(ctx,
        `Poziom dziś: średnia samoocena w obszarze modułu w diagnozie (${d.basis.weighted ? 'ważona do populacji JST, ' : ''}skala 1–5). Próg: poziom dziś powiększony o ${pn(ctx, 'quality.levelGain', qa.levelGain)} punktu (najwyżej 5). Moduł końcowy ocenia się kryteriami planu lokalnego.`,
        `Level now: the mean self-rating in the module's area in the diagnosis (${d.basis.weighted ? 'weighted to the population of JSTs, ' : ''}scale 1–5). Bar: the level now plus ${pn(ctx, 'quality.levelGain', qa.levelGain)} points (at most 5). The capstone is judged by the local plan's criteria.`)],
      source: sourceLine(ctx),
    });
  }
}

export function scaleChapter(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  const plan = d.scale.plan;
  const r = d.scale.rollout;
  report.h1(t(ctx, 'Skala wdrożenia', 'Scale of the rollout'));
  if (!r.jsts) {
    report.paragraph(t(ctx,
      'Skali wdrożenia nie można policzyć: wyniki nie zawierają liczby JST w województwach (analiza bez operatu JST). Program trzeba przeliczyć z operatem (diag programmes --frame).',
      'The scale of the rollout cannot be computed: the results hold no number of JSTs by voivodeship (analysed without a frame). Recompute the programme with a frame (diag programmes --frame).'));
    return;
  }
  const alloc = plan.rollout.allocation === 'proportional'
    ? t(ctx, 'proporcjonalnie do liczby JST każdego rodzaju w rejestrze TERYT', 'in proportion to the number of JSTs of each kind in the TERYT register')
    : plan.rollout.allocation === 'equal' ? t(ctx, 'po równo między rodzaje JST', 'equally among the kinds of JST') : t(ctx, 'według planu', 'as the plan sets');
  report.paragraph(t(ctx,
    `Plan wdrożenia obejmuje ${counted(ctx, pn(ctx, 'scale.plan.rollout.jsts', plan.rollout.jsts), plan.rollout.jsts, ['JST', 'JST', 'JST'], ['JST', 'JSTs'])} wszystkich rodzajów, przydzielonych ${alloc}; ${ctx.seg.dat} przypada ${counted(ctx, pn(ctx, 'scale.rollout.jsts', r.jsts), r.jsts, ['JST', 'JST', 'JST'], ['JST', 'JSTs'])}, rozdzielonych między województwa proporcjonalnie do liczby JST. Z każdej JST w programie dla ${ctx.grp.gen} uczestniczy ${counted(ctx, pn(ctx, 'scale.rollout.participantsPerJst', r.participantsPerJst), r.participantsPerJst, PEOPLE.pl, PEOPLE.en)}; grupy liczą najwyżej ${counted(ctx, pn(ctx, 'scale.plan.maxGroupSize', plan.maxGroupSize), plan.maxGroupSize, PEOPLE.pl, PEOPLE.en)} i powstają w województwach, a tam, gdzie uczestników jest mniej niż ${pn(ctx, 'scale.plan.minGroupSize', plan.minGroupSize)}, dołączają oni do grup łączących kilka województw.`,
    `The rollout plan covers ${counted(ctx, pn(ctx, 'scale.plan.rollout.jsts', plan.rollout.jsts), plan.rollout.jsts, ['', '', ''], ['JST', 'JSTs'])} of every kind, allocated ${alloc}; ${ctx.seg.nom} receive ${counted(ctx, pn(ctx, 'scale.rollout.jsts', r.jsts), r.jsts, ['', '', ''], ['JST', 'JSTs'])}, shared among voivodeships in proportion to their JSTs. Each JST sends ${counted(ctx, pn(ctx, 'scale.rollout.participantsPerJst', r.participantsPerJst), r.participantsPerJst, PEOPLE.pl, PEOPLE.en)} to the programme for ${ctx.grp.nom}; groups have at most ${counted(ctx, pn(ctx, 'scale.plan.maxGroupSize', plan.maxGroupSize), plan.maxGroupSize, PEOPLE.pl, PEOPLE.en)} and form within voivodeships; where fewer than ${pn(ctx, 'scale.plan.minGroupSize', plan.minGroupSize)} participants would meet, they join groups spanning several voivodeships.`));
  const tot = r.total;
  report.paragraph(t(ctx,
    `Razem: ${counted(ctx, pn(ctx, 'scale.rollout.total.participants', tot.participants), tot.participants, PEOPLE.pl, PEOPLE.en)} w ${counted(ctx, pn(ctx, 'scale.rollout.total.groups', tot.groups), tot.groups, GROUPS_LOC.pl, GROUPS_LOC.en)}, ${counted(ctx, pn(ctx, 'scale.rollout.total.trainerDays', round1(tot.trainerDays)), round1(tot.trainerDays), ['dzień pracy', 'dni pracy', 'dni pracy'], ['day', 'days'])} trenerów i doradców (${hours(ctx, 'scale.rollout.total.trainingHours', round1(tot.trainingHours))} zajęć) i ${counted(ctx, pn(ctx, 'scale.rollout.total.participantHours', tot.participantHours), tot.participantHours, ['osobogodzina', 'osobogodziny', 'osobogodzin'], ['participant-hour', 'participant-hours'])} szkoleń uczestników (tabela ${tn(ctx, 'table', report.nextTableNumber())}).`,
    `In all: ${counted(ctx, pn(ctx, 'scale.rollout.total.participants', tot.participants), tot.participants, PEOPLE.pl, PEOPLE.en)} in ${counted(ctx, pn(ctx, 'scale.rollout.total.groups', tot.groups), tot.groups, GROUPS.pl, GROUPS.en)}, ${counted(ctx, pn(ctx, 'scale.rollout.total.trainerDays', round1(tot.trainerDays)), round1(tot.trainerDays), ['', '', ''], ['trainer-day', 'trainer-days'])} of trainers and advisers (${hours(ctx, 'scale.rollout.total.trainingHours', round1(tot.trainingHours))} of sessions) and ${counted(ctx, pn(ctx, 'scale.rollout.total.participantHours', tot.participantHours), tot.participantHours, ['', '', ''], ['participant-hour', 'participant-hours'])} of training (table ${tn(ctx, 'table', report.nextTableNumber())}).`), { keepWithNext: true });
  scaleTable(report, ctx, r, 'scale.rollout');
}

/** Trainer-days and hours are printed to one decimal: advice and tutoring run in parts of a day. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;

function scaleTable(report: Report, ctx: ProgrammeContext, s: Scale, path: string): void {
  const name = (row: ScaleRow) => (row.voivodeship === 'pooled' ? t(ctx, 'grupy łączone (kilka województw)', 'groups spanning several voivodeships') : VOIVODESHIPS[row.voivodeship] ?? row.voivodeship);
  const cells = (row: ScaleRow, p: string, bold = false): CellValue[] => {
    const c = (x: string) => (bold ? { text: x, bold: true } : x);
    const pooled = row.voivodeship === 'pooled';
    return [
      bold ? { text: t(ctx, 'Razem', 'Total'), bold: true } : name(row),
      pooled ? '' : c(pn(ctx, `${p}.jsts`, row.jsts)),
      pooled ? '' : c(pn(ctx, `${p}.participants`, row.participants)),
      row.groups ? c(pn(ctx, `${p}.groups`, row.groups)) : t(ctx, 'w łączonych', 'joint'),
      c(pn(ctx, `${p}.trainerDays`, round1(row.trainerDays))),
      c(pn(ctx, `${p}.trainingHours`, round1(row.trainingHours))),
    ];
  };
  const rows: CellValue[][] = s.byVoivodeship.map((row) => cells(row, `${path}.byVoivodeship[voivodeship=${row.voivodeship}]`));
  const pooled = s.byVoivodeship.some((row) => row.voivodeship === 'pooled');
  rows.push(cells(s.total, `${path}.total`, true));
  report.table({
    title: t(ctx, 'Ilu uczestników, grup i dni pracy trenerów wymaga program w każdym województwie?', 'How many participants, groups and trainer-days does the programme need in each voivodeship?'),
    columns: [
      { header: t(ctx, 'Województwo', 'Voivodeship'), width: 0.3 },
      { header: 'JST', width: 0.1, align: 'right' },
      { header: t(ctx, 'Uczestnicy', 'Participants'), width: 0.14, align: 'right' },
      { header: t(ctx, 'Grupy', 'Groups'), width: 0.13, align: 'right' },
      { header: t(ctx, 'Dni pracy trenerów', 'Trainer-days'), width: 0.15, align: 'right' },
      { header: t(ctx, 'Godziny zajęć', 'Session hours'), width: 0.18, align: 'right' },
    ],
    rows,
    totalRow: true,
    notes: [t(ctx,
      `Dzień pracy trenera to ${hours(ctx, 'time.hoursPerDay', ctx.doc.time.hoursPerDay)}. Godziny zajęć to godziny pracy trenerów, doradców i tutorów: warsztaty, wizyty studyjne i sieci współpracy liczy się na grupę, doradztwo – na JST, e-learning – jako ${ppct(ctx, 'scale.plan.elearningTutorShare', ctx.doc.scale.plan.elearningTutorShare)} godzin kursu na grupę (opieka tutora).${pooled ? ' „W łączonych” – uczestnicy z województwa dołączają do grup łączących kilka województw.' : ''} Doradztwo przy planie lokalnym prowadzi się dla całego zespołu JST; jeśli obie grupy stanowisk z tej samej JST uczestniczą w programach, te godziny można policzyć raz.`,
      `A trainer-day is ${hours(ctx, 'time.hoursPerDay', ctx.doc.time.hoursPerDay)}. Session hours are the hours of trainers, advisers and tutors: workshops, study visits and peer networks count per group, advice per JST, e-learning as ${ppct(ctx, 'scale.plan.elearningTutorShare', ctx.doc.scale.plan.elearningTutorShare)} of the course hours per group (tutoring).${pooled ? ' "Joint" – participants join groups spanning several voivodeships.' : ''} Advice on the local plan is given to the JST's whole team; if both staff groups of a JST take part, those hours can be counted once.`)],
    source: sourceLine(ctx),
  });
}

/** The programme's basis: data, catalogue, rules, number policy. */
export function methodChapter(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  const p = d.provenance;
  report.h1(t(ctx, 'Jak powstał program', 'How the programme was made'));
  report.bullets(ctx.lang === 'pl' ? [
    [{ text: 'Dane: ', bold: true }, `wyniki diagnozy z pliku ${quote(ctx, p.results.data)} (SHA-256 ${p.results.sha256.slice(0, 12)}…, analiza z ${p.results.generatedAt.slice(0, 10)}); ${d.basis.weighted ? 'wagi do populacji JST z rejestru TERYT' : 'bez wag'}.`],
    [{ text: 'Katalog programów: ', bold: true }, `wersja ${p.catalogue} – moduły, zakresy godzin, formy, standardy jakości i powiązania braków z modułami, każde z uzasadnieniem.`],
    [{ text: 'Liczby: ', bold: true }, `${d.basis.weighted ? 'średnie ocen i odsetki odpowiedzi opisują populację JST, więc są ważone' : 'średnie ocen i odsetki odpowiedzi są nieważone'}; liczebności (n, JST, uczestnicy) opisują próbę lub plan i nie są ważone; wskaźnik potrzeb MWDS podaje się tak, jak publikuje go analiza (${d.basis.prioritiesWeighted ? 'z wagami' : 'bez wag'}). Każda liczba występuje w całym dokumencie z jedną wartością.`],
    [{ text: 'Godziny: ', bold: true }, 'moduł dostaje tym więcej godzin w swoim zakresie, im większy jest jego wskaźnik potrzeb na tle największego wskaźnika w tej grupie; moduł o wyższym priorytecie nigdy nie ma mniej godzin niż moduł o niższym; moduły podstawowe skraca się proporcjonalnie tylko wtedy, gdy nie mieszczą się w budżecie.'],
    [{ text: 'Oprogramowanie: ', bold: true }, `${p.software}; program wygenerowano automatycznie z pliku wyników, katalogu i planu wdrożenia – te same pliki dają ten sam dokument.`],
  ] : [
    [{ text: 'Data: ', bold: true }, `the diagnosis results from ${quote(ctx, p.results.data)} (SHA-256 ${p.results.sha256.slice(0, 12)}…, analysed ${p.results.generatedAt.slice(0, 10)}); ${d.basis.weighted ? 'weighted to the JST population of the TERYT register' : 'unweighted'}.`],
    [{ text: 'Programme catalogue: ', bold: true }, `version ${p.catalogue} – modules, hour ranges, forms, quality standards and the mapping of lacks to modules, each with its reason.`],
    [{ text: 'Numbers: ', bold: true }, `${d.basis.weighted ? 'mean ratings and shares of answers describe the JST population and are weighted' : 'mean ratings and shares of answers are unweighted'}; counts (n, JSTs, participants) describe the sample or the plan and are unweighted; the MWDS is printed as the analysis publishes it (${d.basis.prioritiesWeighted ? 'weighted' : 'unweighted'}). Each number has one value throughout the document.`],
    [{ text: 'Hours: ', bold: true }, "a module gets the more hours within its range, the larger its need index is against the group's largest; a higher-priority module never has fewer hours than a lower-priority one; core modules are shortened in proportion only when they do not fit the budget."],
    [{ text: 'Software: ', bold: true }, `${p.software}; the programme is generated from the results file, the catalogue and the rollout plan – the same files give the same document.`],
  ]);
}
