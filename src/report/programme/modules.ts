/**
 * Chapter "Moduły programu": each module as a programme director adopts it — kind, hours within the
 * catalogue's range, years, mode; goal; learning outcomes; topics; forms and methods; prerequisites; and the
 * evidence behind it in plain words.
 */
import type { Report } from '../kit/index.ts';
import { levelPercent } from '../kit/index.ts';
import type { ModuleDoc } from '../../recommendations/programme.ts';
import { whyModule } from './evidence-words.ts';
import { goalSection } from './summary.ts';
import { cap, counted, hours, HOURS, joinList, LABEL_WORDS, modeWord, MODULES, MODULES_GEN, pn, quote, t, tn, tr, type ProgrammeContext } from './context.ts';

export function modulesChapter(report: Report, ctx: ProgrammeContext): void {
  const d = ctx.doc;
  report.h1(t(ctx, 'Cel, uczestnicy i moduły', 'Goal, participants and modules'));
  goalSection(report, ctx);
  const n = d.modules.length;
  report.paragraph(t(ctx,
    `Program składa się z ${counted(ctx, tn(ctx, 'modules', n), n, MODULES_GEN.pl, MODULES.en)} realizowanych w podanej kolejności. Moduły podstawowe odpowiadają na najpilniejsze potrzeby tej grupy, uzupełniające – na potrzeby mniejsze, ale wyraźne; moduł końcowy to lokalny plan. Liczba godzin modułu rośnie z potrzebą w granicach zakresu podanego w katalogu programów, a moduł o wyższym priorytecie nigdy nie ma mniej godzin niż moduł o niższym.`,
    `The programme consists of ${counted(ctx, tn(ctx, 'modules', n), n, MODULES.pl, MODULES.en)}, run in the order given. Core modules answer the group's most urgent needs, supplementary ones smaller but clear needs; the capstone is the local plan. A module's hours grow with need within the range the programme catalogue gives, and a higher-priority module never has fewer hours than a lower-priority one.`));
  report.paragraph(t(ctx,
    `Przy każdym module podano, na czym się opiera: średnie oceny ważności i własnego poziomu (skala 1–5), wskaźnik potrzeb szkoleniowych Boricha (MWDS: im wyższy, tym większa potrzeba) z przedziałem ufności ${levelPercent(d.basis.ciLevel, 'pl')} %, położenie obszaru w analizie ważność–poziom i odsetek badanych, którzy chcą szkoleń w danym obszarze. Rozdział „Dowody” podaje te liczby dla wszystkich obszarów i ich dokładne definicje.`,
    `Each module states what it rests on: the mean ratings of importance and own level (scale 1–5), Borich's training-need index (MWDS: the higher, the greater the need) with its ${levelPercent(d.basis.ciLevel, 'en')}% confidence interval, the area's place in the importance–performance analysis and the share of respondents asking for training in it. The chapter \"Evidence\" gives these figures for every area and their exact definitions.`));
  for (const m of d.modules) moduleSection(report, ctx, m);
}

function yearsText(ctx: ProgrammeContext, m: ModuleDoc): string {
  const [a, b] = m.years;
  if (a && !b) return t(ctx, 'w całości w pierwszym roku', 'all in year 1');
  if (!a && b) return t(ctx, 'w całości w drugim roku', 'all in year 2');
  return t(ctx, `${hours(ctx, `modules[code=${m.code}].years[0]`, a)} w pierwszym roku i ${hours(ctx, `modules[code=${m.code}].years[1]`, b)} w drugim`, `${hours(ctx, `modules[code=${m.code}].years[0]`, a)} in year 1 and ${hours(ctx, `modules[code=${m.code}].years[1]`, b)} in year 2`);
}

function moduleSection(report: Report, ctx: ProgrammeContext, m: ModuleDoc): void {
  const path = `modules[code=${m.code}]`;
  report.h2(`${tr(ctx, m.title)}`);
  const range = `${pn(ctx, `${path}.range[0]`, m.range[0])}–${pn(ctx, `${path}.range[1]`, m.range[1])}`;
  const modes = [...new Set(m.forms.map((f) => f.mode))];
  report.paragraph([
    { text: t(ctx, 'Rodzaj: ', 'Kind: '), bold: true }, `${tr(ctx, LABEL_WORDS[m.label]!)}. `,
    { text: t(ctx, 'Czas: ', 'Time: '), bold: true }, t(ctx, `${hours(ctx, `${path}.hours`, m.hours)} (zakres w katalogu: ${range}), ${yearsText(ctx, m)}. `, `${hours(ctx, `${path}.hours`, m.hours)} (catalogue range ${range}), ${yearsText(ctx, m)}. `),
    { text: t(ctx, 'Tryb: ', 'Mode: '), bold: true }, `${modes.length === 1 ? modeWord(ctx, m.mode) : joinList(ctx, modes.map((x) => modeWord(ctx, x)))}. `,
    { text: t(ctx, 'Kod: ', 'Code: '), bold: true }, m.code,
  ]);
  report.paragraph([{ text: t(ctx, 'Cel. ', 'Goal. '), bold: true }, tr(ctx, m.goal)]);
  report.paragraph([{ text: t(ctx, 'Efekty uczenia się. ', 'Learning outcomes. '), bold: true }, t(ctx, 'Po module uczestnik:', 'After the module a participant:')], { keepWithNext: true });
  report.bullets(m.outcomes.map((o) => tr(ctx, o)));
  report.paragraph([{ text: t(ctx, 'Treści:', 'Topics:'), bold: true }], { keepWithNext: true });
  report.bullets(m.topics.map((x) => tr(ctx, x)));
  const forms = m.forms.map((f) => `${tr(ctx, f.label)} – ${counted(ctx, pn(ctx, `${path}.forms[form=${f.form}].hours`, f.hours), f.hours, HOURS.pl, HOURS.en)} (${t(ctx, 'tryb', 'mode')} ${modeWord(ctx, f.mode)})`);
  report.paragraph([{ text: t(ctx, 'Formy: ', 'Forms: '), bold: true }, `${joinList(ctx, forms)}. `, { text: t(ctx, 'Metody: ', 'Methods: '), bold: true }, `${m.methods.map((x) => tr(ctx, x)).join('; ')}.`]);
  const viaModule = m.prerequisites.filter((p) => p.via === 'module').map((p) => quote(ctx, tr(ctx, p.title)));
  const viaCourse = m.prerequisites.filter((p) => p.via === 'elearning').map((p) => quote(ctx, tr(ctx, p.title)));
  const pre = [
    ...(viaModule.length ? [t(ctx, `${viaModule.length === 1 ? 'moduł' : 'moduły'} ${joinList(ctx, viaModule)}`, `${viaModule.length === 1 ? 'the module' : 'the modules'} ${joinList(ctx, viaModule)}`)] : []),
    ...(viaCourse.length ? [t(ctx, `${viaCourse.length === 1 ? 'kurs e-learningowy' : 'kursy e-learningowe'} ${joinList(ctx, viaCourse)} przed modułem`, `the e-learning ${viaCourse.length === 1 ? 'course' : 'courses'} ${joinList(ctx, viaCourse)} before the module`)] : []),
  ];
  report.paragraph([{ text: t(ctx, 'Wymagania wstępne: ', 'Prerequisites: '), bold: true }, pre.length ? `${joinList(ctx, pre)}.` : t(ctx, 'brak.', 'none.')]);
  report.paragraph([{ text: t(ctx, 'Dlaczego ten moduł. ', 'Why this module. '), bold: true }, cap(whyModule(ctx, m))]);
}
