/**
 * The evidence behind a module in plain words: where the area stands among the group's needs, how the
 * officials rate its importance and their own level, what the two signals of the rule say (rules.ts), what
 * they ask for and lack — every number through the ledger.
 */
import type { AreaDoc, ModuleDoc } from '../../recommendations/programme.ts';
import { levelPercent } from '../kit/index.ts';
import { QUADRANT_LABELS } from '../words.ts';
import { AREAS_GEN, cap, counted, fig, joinList, pctOf, quote, t, tn, tr, type ProgrammeContext, STRENGTH_WORDS, pn } from './context.ts';

export const quadrantWord = (ctx: ProgrammeContext, q: AreaDoc['quadrant']): string => (q ? quote(ctx, tr(ctx, QUADRANT_LABELS[q]!)) : '–');

/** "4,50 (przedział ufności 95 %: 3,95–5,07)" with each bound recorded. */
export function mwdsWithCi(ctx: ProgrammeContext, a: AreaDoc, named = true): string {
  const m = fig(ctx, a.mwds);
  if (!a.ciLow || !a.ciHigh) return m;
  const lo = fig(ctx, a.ciLow);
  const hi = fig(ctx, a.ciHigh);
  // a negative bound gets a spaced dash, so that it cannot be read as a minus sign
  const range = a.ciLow.value < 0 || a.ciHigh.value < 0 ? `${lo}\u00A0– ${hi}` : `${lo}–${hi}`;
  return named ? `${m} (${t(ctx, `przedział ufności ${levelPercent(ctx.doc.basis.ciLevel, 'pl')}\u00A0%`, `${levelPercent(ctx.doc.basis.ciLevel, 'en')}% confidence interval`)}: ${range})` : `${m} (${range})`;
}

const typical = (ctx: ProgrammeContext) => (ctx.doc.basis.typicalNeed === null ? '–' : pn(ctx, 'basis.typicalNeed', ctx.doc.basis.typicalNeed, 2));

/** Why a thematic module is in the programme. */
export function whyModule(ctx: ProgrammeContext, m: ModuleDoc): string {
  if (m.label === 'capstone') {
    return t(ctx,
      'Wymóg programu: każda JST kończy udział lokalnym planem podnoszenia jakości usług oświatowych oraz wspomagania szkół w rozwijaniu kompetencji kluczowych uczniów. Moduł łączy to, czego uczestnicy nauczyli się w poprzednich modułach, w dokument, który rada może przyjąć.',
      "A programme requirement: every JST ends with its local plan for better education services and for supporting schools in developing pupils' key competences. The module brings what participants learnt in the earlier modules together into a document the council can adopt.");
  }
  const a = m.evidence;
  if (!a) return t(ctx, 'Dla tego obszaru wyniki diagnozy nie są publikowane (za mało odpowiedzi).', 'The diagnosis publishes no results for this area (too few answers).');
  return whyArea(ctx, a);
}

/** The evidence for an area, in sentences. */
export function whyArea(ctx: ProgrammeContext, a: AreaDoc): string {
  const s: string[] = [];
  const areas = ctx.doc.areas.length;
  const name = tr(ctx, a.label);
  const who = t(ctx, `${ctx.grp.gen} ${ctx.seg.gen}`, `${ctx.grp.nom} of ${ctx.seg.gen}`);
  if (a.rank) {
    s.push(a.rank.value === 1
      ? t(ctx, `${quote(ctx, name)} to obszar największej potrzeby szkoleniowej ${who} (pierwsze miejsce spośród ${counted(ctx, tn(ctx, 'areas', areas), areas, AREAS_GEN.pl, AREAS_GEN.en)}).`,
        `${quote(ctx, name)} is the area of the largest training need of ${who} (first of ${counted(ctx, tn(ctx, 'areas', areas), areas, AREAS_GEN.pl, AREAS_GEN.en)}).`)
      : t(ctx, `${quote(ctx, name)} zajmuje ${fig(ctx, a.rank)}. miejsce wśród potrzeb szkoleniowych ${who} (spośród ${counted(ctx, tn(ctx, 'areas', areas), areas, AREAS_GEN.pl, AREAS_GEN.en)}).`,
        `${quote(ctx, name)} ranks ${fig(ctx, a.rank)} among the training needs of ${who} (of ${counted(ctx, tn(ctx, 'areas', areas), areas, AREAS_GEN.pl, AREAS_GEN.en)}).`));
  }
  if (a.importance && a.level) {
    s.push(t(ctx,
      `Ważność tego obszaru badani oceniają średnio na ${fig(ctx, a.importance.value)}, a swój poziom – na ${fig(ctx, a.level.value)} (skala 1–5).`,
      `Respondents rate its importance ${fig(ctx, a.importance.value)} on average and their own level ${fig(ctx, a.level.value)} (scale 1–5).`));
  }
  const mw = mwdsWithCi(ctx, a);
  const q = quadrantWord(ctx, a.quadrant);
  if (a.lowN) {
    s.push(t(ctx, `Wynik opiera się na mniej niż ${pn(ctx, 'basis.lowPrecisionBelow', ctx.doc.basis.lowPrecisionBelow)} odpowiedziach, dlatego dowody są słabe.`, `The result rests on fewer than ${pn(ctx, 'basis.lowPrecisionBelow', ctx.doc.basis.lowPrecisionBelow)} answers, so the evidence is thin.`));
  } else if (a.quadrant === 'concentrate_here' && a.aboveTypical === 'clearly') {
    s.push(t(ctx,
      `Oba sposoby oceny potrzeb wskazują ten obszar: wskaźnik potrzeb szkoleniowych ${mw} leży w całości powyżej typowej potrzeby tej grupy (${typical(ctx)}), a obszar należy do ćwiartki ${q} – jest ważniejszy i gorzej opanowany niż przeciętny obszar.`,
      `Both ways of judging need point to this area: the training-need index ${mw} lies wholly above the group's typical need (${typical(ctx)}), and the area is in the ${q} quadrant – more important and less mastered than the average area.`));
  } else if (a.quadrant === 'concentrate_here' && a.aboveTypical === 'estimate') {
    s.push(t(ctx,
      `Obszar należy do ćwiartki ${q} (jest ważniejszy i gorzej opanowany niż przeciętny), a wskaźnik potrzeb szkoleniowych ${mw} przewyższa typową potrzebę tej grupy (${typical(ctx)}), choć przedział ufności jej sięga.`,
      `The area is in the ${q} quadrant (more important and less mastered than average), and the training-need index ${mw} exceeds the group's typical need (${typical(ctx)}), though its interval reaches it.`));
  } else if (a.aboveTypical === 'clearly' && (a.quadrant === 'low_priority' || a.quadrant === 'keep_up')) {
    s.push(t(ctx,
      `Wskaźnik potrzeb szkoleniowych ${mw} leży wyraźnie powyżej typowej potrzeby tej grupy (${typical(ctx)}), ale ${a.quadrant === 'low_priority' ? 'badani przypisują obszarowi mniejszą wagę niż przeciętnie' : 'swój poziom badani oceniają wyżej niż przeciętnie'} (ćwiartka ${q}), dlatego moduł jest uzupełniający, a nie podstawowy.`,
      `The training-need index ${mw} lies clearly above the group's typical need (${typical(ctx)}), but ${a.quadrant === 'low_priority' ? 'respondents give the area less weight than average' : 'respondents rate their level above average'} (${q} quadrant), so the module is supplementary, not core.`));
  } else {
    s.push(t(ctx,
      `Wskaźnik potrzeb szkoleniowych ${mw} nie jest wyraźnie większy od typowej potrzeby tej grupy (${typical(ctx)}); ćwiartka ${q}.`,
      `The training-need index ${mw} is not clearly above the group's typical need (${typical(ctx)}); quadrant ${q}.`));
  }
  const extra: string[] = [];
  if (a.demand) extra.push(t(ctx, `szkoleń w tym obszarze chce ${pctOf(ctx, a.demand)} badanych z tej grupy`, `${pctOf(ctx, a.demand)} of the group ask for training in it`));
  if (a.lacks.length) extra.push(t(ctx,
    `moduł odpowiada na ${a.lacks.length === 1 ? 'brak' : 'braki'}, które wskazują badani z ${ctx.seg.gen}: ${joinList(ctx, a.lacks.map((l) => `${lackLabel(ctx, l.lack)} (${pctOf(ctx, l.share)})`))}`,
    `the module answers ${a.lacks.length === 1 ? 'a lack' : 'lacks'} named by respondents from ${ctx.seg.gen}: ${joinList(ctx, a.lacks.map((l) => `${lackLabel(ctx, l.lack)} (${pctOf(ctx, l.share)})`))}`));
  if (extra.length) s.push(`${cap(joinList(ctx, extra))}.`);
  s.push(t(ctx, `Siła dowodów: ${tr(ctx, STRENGTH_WORDS[a.strength]!)}.`, `Evidence: ${tr(ctx, STRENGTH_WORDS[a.strength]!)}.`));
  return s.join(' ');
}

/** A lack as the questionnaire words it ("środków finansowych"), for "brak …". */
export function lackLabel(ctx: ProgrammeContext, lack: string): string {
  const l = ctx.doc.lacks.find((x) => x.lack === lack)?.label;
  const label = l ? tr(ctx, l) : lack;
  return ctx.lang === 'pl' ? `brak ${label}` : `lack of ${label}`;
}
