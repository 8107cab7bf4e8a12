/**
 * Chapters "Harmonogram" (the two years, form by form, against the yearly budget) and "Kursy e-learningowe"
 * (the self-study courses that complement the programme).
 */
import type { CellValue, Report } from '../kit/index.ts';
import { budgetSource, hours, modeWord, pn, quote, sourceLine, t, tn, tr, type ProgrammeContext } from './context.ts';

export function scheduleChapter(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  const [y1, y2] = d.schedule.years;
  report.h1(t(ctx, 'Harmonogram i kursy uzupełniające', 'Schedule and complementary courses'));
  const compressed = d.schedule.compression < 1;
  report.paragraph(t(ctx,
    `W pierwszym roku program zajmuje ${hours(ctx, 'schedule.years[0]', y1)}, w drugim – ${hours(ctx, 'schedule.years[1]', y2)}: w obu latach nie więcej niż ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear, true)}, ${budgetSource(ctx)}. Moduły idą w kolejności priorytetu; moduł, który nie mieści się w pierwszym roku, kończy się w drugim, a lokalny plan powstaje w drugim roku.${compressed ? ' Aby moduły podstawowe zmieściły się w budżecie, ich godziny obniżono proporcjonalnie do potrzeb.' : ''}`,
    `The programme takes ${hours(ctx, 'schedule.years[0]', y1)} in year 1 and ${hours(ctx, 'schedule.years[1]', y2)} in year 2: neither year exceeds the ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear)} ${budgetSource(ctx)}. Modules run in order of priority; a module that does not fit in year 1 ends in year 2, and the local plan is written in year 2.${compressed ? ' To fit the core modules into the budget, their hours were lowered in proportion to need.' : ''}`), { keepWithNext: true });
  const rows: CellValue[][] = [];
  for (const year of [0, 1] as const) {
    const entries = d.modules.flatMap((m) => m.forms.filter((f) => f.years[year] > 0).map((f) => ({ m, f })));
    entries.forEach(({ m, f }, i) => rows.push([
      i === 0 ? { text: t(ctx, `Rok ${tn(ctx, 'year', year + 1)}`, `Year ${tn(ctx, 'year', year + 1)}`), bold: true } : '',
      i > 0 && entries[i - 1]!.m === m ? '' : `${tn(ctx, 'module order', m.order)}. ${tr(ctx, m.title)}`,
      tr(ctx, f.label),
      pn(ctx, `modules[code=${m.code}].forms[form=${f.form}].years[${year}]`, f.years[year]),
      modeWord(ctx, f.mode),
    ]));
    rows.push([{ text: t(ctx, 'Razem', 'Total'), bold: true }, '', '', { text: pn(ctx, `schedule.years[${year}]`, d.schedule.years[year]), bold: true }, '']);
  }
  report.table({
    title: t(ctx, 'Kiedy i w jakiej formie odbywa się każdy moduł?', 'When and in what form does each module take place?'),
    columns: [
      { header: t(ctx, 'Rok', 'Year'), width: 0.1 },
      { header: t(ctx, 'Moduł', 'Module'), width: 0.46 },
      { header: t(ctx, 'Forma', 'Form'), width: 0.2 },
      { header: t(ctx, 'Godziny', 'Hours'), width: 0.1, align: 'right' },
      { header: t(ctx, 'Tryb', 'Mode'), width: 0.14 },
    ],
    rows,
    notes: [t(ctx,
      `Budżet: ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear)} rocznie. Moduł, który zaczyna się w pierwszym roku i kończy w drugim, występuje w obu latach.`,
      `Budget: ${hours(ctx, 'time.hoursPerYear', d.time.hoursPerYear)} a year. A module that starts in year 1 and ends in year 2 appears in both years.`)],
    source: sourceLine(ctx),
  });
}

export function elearningChapter(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  report.h2(t(ctx, 'Kursy e-learningowe uzupełniające', 'Complementary e-learning courses'));
  if (!d.elearning.length) {
    report.paragraph(t(ctx,
      'Wszystkie moduły, które zaleca diagnoza, mieszczą się w harmonogramie, a żaden moduł nie wymaga przygotowania w formie kursu: program nie ma kursów uzupełniających.',
      'Every module the diagnosis recommends fits the schedule and no module needs a preparatory course: the programme has no complementary courses.'));
    return;
  }
  report.paragraph(t(ctx,
    'Kursy e-learningowe są samokształceniem w dogodnym czasie, dostępnym także dla innych pracowników JST; nie wliczają się do budżetu godzin szkoleń i doradztwa. Obejmują moduły zalecane przez diagnozę, które nie zmieściły się w harmonogramie, oraz przygotowanie do modułów, których program nie poprzedza innym modułem.',
    "E-learning courses are self-study at a convenient time, open to the JST's other staff as well; they do not count against the budget of training and advice hours. They cover the modules the diagnosis recommends that did not fit the schedule, and preparation for modules no earlier module prepares for."), { keepWithNext: true });
  const why = (e: (typeof d.elearning)[number]): string => {
    const parts: string[] = [];
    if (e.why.includes('prerequisite')) {
      const before = e.before.map((code) => d.modules.find((m) => m.code === code)).filter((m) => !!m).map((m) => quote(ctx, tr(ctx, m!.title)));
      parts.push(t(ctx, `przygotowuje do modułu ${before.join(', ')}`, `prepares for ${before.join(', ')}`));
    }
    if (e.why.includes('deferred')) parts.push(t(ctx, 'moduł podstawowy, który nie zmieścił się w budżecie godzin', 'a core module that did not fit the hours budget'));
    if (e.why.includes('supplementary')) parts.push(t(ctx, 'moduł uzupełniający, który nie zmieścił się w harmonogramie', 'a supplementary module that did not fit the schedule'));
    return parts.join('; ');
  };
  report.table({
    title: t(ctx, 'Jakie kursy e-learningowe uzupełniają program?', 'Which e-learning courses complement the programme?'),
    columns: [
      { header: t(ctx, 'Kurs', 'Course'), width: 0.3 },
      { header: t(ctx, 'Godziny', 'Hours'), width: 0.09, align: 'right' },
      { header: t(ctx, 'Dlaczego', 'Why'), width: 0.27 },
      { header: t(ctx, 'Treści', 'Contents'), width: 0.34 },
    ],
    rows: d.elearning.map((e) => [
      tr(ctx, e.title),
      pn(ctx, `elearning[code=${e.code}].hours`, e.hours),
      why(e),
      e.units.map((u) => tr(ctx, u)).join('; '),
    ]),
    notes: [t(ctx, 'Każdy kurs kończy się testem; kurs, który przygotowuje do modułu, trzeba zaliczyć przed tym modułem.', 'Each course ends with a test; a course that prepares for a module must be passed before that module.')],
    source: sourceLine(ctx),
  });
}
