/**
 * The respondent's page: the questionnaire rendered in the browser by SurveyJS (survey-core + survey-js-ui from
 * node_modules, no bundler), the invitation's JST named at the top and fixed in the form, autosave status, and
 * the "continue on another device" link. The page's script (public/survey-page.js) reads its settings from the
 * `#diag-config` JSON block; the token itself is never written into the page (the script reads it from the URL).
 */
import { JST_KIND_LABELS, VOIVODESHIPS, type JstKind } from '../../domain/jst.ts';
import type { Lang } from '../../questionnaire/types.ts';
import type { InvitationContext } from '../../responses/store/types.ts';
import { questionnaireUrl, type ServedInstrument } from './served.ts';
import { contactLine, escapeHtml, layout } from '../html.ts';
import { prefillOf } from './submission.ts';

/** Texts the page's script shows, in both languages. */
const SCRIPT_TEXTS = {
  pl: {
    saving: 'Zapisywanie…',
    saved: 'Odpowiedzi zapisane',
    saveFailed: 'Nie udało się zapisać odpowiedzi na serwerze. Są zachowane w tej przeglądarce; spróbujemy ponownie.',
    resumed: 'Wczytano zapisane odpowiedzi. Można kontynuować.',
    sending: 'Wysyłanie odpowiedzi…',
    sendFailed: 'Nie udało się wysłać odpowiedzi. Proszę sprawdzić połączenie z internetem i ponownie kliknąć „Zakończyć i wysłać”.',
    rejected: 'Serwer nie przyjął odpowiedzi. Proszę sprawdzić zaznaczone pytania:',
    closed: 'Badanie zostało zakończone i nie przyjmuje już odpowiedzi.',
    spent: 'Z tego zaproszenia wysłano już wszystkie przewidziane odpowiedzi.',
    conflict: 'Ta ankieta została już wysłana z innymi odpowiedziami. Dziękujemy!',
    copied: 'Skopiowano link.',
    thanks: 'Dziękujemy za udział w badaniu. Odpowiedzi zostały zapisane.',
    overQuota: 'Dziękujemy za udział w badaniu. Odpowiedzi zostały zapisane. W międzyczasie z tego zaproszenia skorzystała już przewidziana liczba osób, dlatego zespół badania rozpatrzy włączenie Pana/Pani odpowiedzi do wyników – nie trzeba niczego wysyłać ponownie.',
  },
  en: {
    saving: 'Saving…',
    saved: 'Answers saved',
    saveFailed: 'Your answers could not be saved on the server. They are kept in this browser; we will try again.',
    resumed: 'Your saved answers were loaded. You can carry on.',
    sending: 'Sending your answers…',
    sendFailed: 'Your answers could not be sent. Check your internet connection and click “Submit” again.',
    rejected: 'The server did not accept the answers. Please check these questions:',
    closed: 'The survey has closed and no longer accepts responses.',
    spent: 'Every response this invitation allows has already been sent.',
    conflict: 'This questionnaire was already sent with other answers. Thank you!',
    copied: 'Link copied.',
    thanks: 'Thank you for taking part in the survey. Your answers have been saved.',
    overQuota: 'Thank you for taking part in the survey. Your answers have been saved. Meanwhile the number of people this invitation provides for have answered, so the survey team will decide whether to include your answers in the results – there is nothing to send again.',
  },
} as const;

/**
 * SurveyJS's own Polish strings that address the respondent as "ty" (imperatives, "wypełniłeś"), in the
 * questionnaire's formal register (Pan/Pani, impersonal); survey-page.js puts them over the locale.
 */
export const SURVEY_LOCALE_PL: Record<string, string> = {
  placeholder: 'Proszę wybrać…',
  buttongroupOptionsCaption: 'Proszę wybrać…',
  ratingOptionsCaption: 'Proszę kliknąć, aby ocenić…',
  otherItemText: 'Inna odpowiedź (proszę wpisać)',
  refuseItemText: 'Odmowa odpowiedzi',
  selectAllItemText: 'Wszystkie',
  deselectAllItemText: 'Żadne',
  stepError: 'Proszę wpisać wartość zgodną z krokiem {0}.',
  completingSurveyBefore: 'Ta ankieta została już wypełniona.',
  exceedMaxFiles: 'Można przesłać najwyżej {0} plików.',
  uploadingFile: 'Trwa przesyłanie pliku. Proszę spróbować ponownie za kilka sekund.',
  chooseFile: 'Proszę wybrać plik…',
  chooseFileCaption: 'Wybór pliku',
  filePlaceholder: 'Proszę upuścić plik tutaj albo kliknąć przycisk poniżej, aby go załadować.',
  fileOrPhotoPlaceholder: 'Proszę przeciągnąć i upuścić plik, wybrać go z dysku albo zrobić zdjęcie aparatem.',
  photoPlaceholder: 'Proszę kliknąć przycisk poniżej, aby zrobić zdjęcie aparatem.',
  takePhotoCaption: 'Zdjęcie z aparatu',
  confirmDelete: 'Czy usunąć nagranie?',
  confirmRemoveFile: 'Czy na pewno usunąć plik {0}?',
  confirmRemoveAllFiles: 'Czy na pewno usunąć wszystkie pliki?',
  filterStringPlaceholder: 'Proszę wpisać, aby wyszukać…',
  noEntriesText: 'Nie ma jeszcze wpisów.\nNowy wpis dodaje przycisk poniżej.',
  selectToRankEmptyUnrankedAreaText: 'Proszę przeciągnąć tutaj opcje, aby je uszeregować',
  signaturePlaceHolder: 'Miejsce na podpis',
  clearCaption: 'Wyczyścić',
  selectCaption: 'Wybrać',
  saveAgainButton: 'Ponowić próbę',
  timerSpentAll: 'Czas na tej stronie: {0}, łącznie: {1}.',
  timerSpentPage: 'Czas na tej stronie: {0}.',
  timerSpentSurvey: 'Czas łącznie: {0}.',
  timerLimitAll: 'Czas na tej stronie: {0} z {1}, łącznie: {2} z {3}.',
  timerLimitPage: 'Czas na tej stronie: {0} z {1}.',
  timerLimitSurvey: 'Czas łącznie: {0} z {1}.',
};

const PAGE_TEXTS = {
  pl: {
    for: 'Ankieta dla',
    voivodeship: 'woj.',
    fixed: 'Rodzaj JST, kod TERYT i województwo są już wpisane na podstawie zaproszenia.',
    resumeTitle: 'Dokończenie ankiety na innym urządzeniu',
    resumeText: 'Odpowiedzi zapisują się automatycznie. Aby kontynuować na innym komputerze lub telefonie, proszę otworzyć tam ten link:',
    resumeLabel: 'Link do zapisanych odpowiedzi Pana/Pani',
    copy: 'Skopiować link',
    resumeWarning: 'Ten link otwiera odpowiedzi Pana/Pani – proszę nie przekazywać go innym osobom. Współpracownicy, którzy mają wypełnić ankietę, powinni otrzymać link z zaproszenia.',
    noscript: 'Ankieta wymaga włączonej obsługi JavaScript w przeglądarce.',
    slotsLeft: (n: number) => n === 0
      ? 'Z tego zaproszenia wysłano już wszystkie przewidziane ankiety. Dokończona ankieta zostanie zapisana, a o włączeniu jej do wyników zdecyduje zespół badania.'
      : n === 1
      ? 'Uwaga: z tego zaproszenia można wysłać jeszcze tylko jedną ankietę. Jeśli ktoś z urzędu wypełnia ją właśnie równolegle, proszę to uzgodnić – odpowiedzi wysłane ponad limit zostaną zapisane, ale o ich włączeniu do wyników zdecyduje zespół badania.'
      : `Z tego zaproszenia można wysłać jeszcze ${n} ${n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 'ankiety' : 'ankiet'}.`,
  },
  en: {
    for: 'Survey for',
    voivodeship: 'voivodeship',
    fixed: 'The JST kind, TERYT code and voivodeship are filled in from the invitation.',
    resumeTitle: 'Finish on another device',
    resumeText: 'Your answers are saved as you go. To carry on on another computer or phone, open this link there:',
    resumeLabel: 'Link to your saved answers',
    copy: 'Copy link',
    resumeWarning: 'This link opens your answers: do not pass it on. Colleagues who should fill in the survey need the link from the invitation.',
    noscript: 'The survey needs JavaScript to be enabled in your browser.',
    slotsLeft: (n: number) => n === 0
      ? 'Every questionnaire this invitation provides for has been sent. A finished questionnaire will still be saved, and the survey team will decide whether to include it.'
      : n === 1
      ? 'Note: this invitation allows only one more questionnaire. If someone in your office is filling it in at the same time, please agree who sends it – answers sent over the limit are saved, but the survey team decides whether they enter the results.'
      : `This invitation allows ${n} more questionnaires.`,
  },
} as const;

export function surveyPage(served: ServedInstrument, context: InvitationContext, lang: Lang, continuing = false): string {
  const q = served.instrument;
  const t = PAGE_TEXTS[lang];
  const unit = context.unit;
  const prefill = prefillOf(q, unit);
  // an instrument that asks nothing of the JST (the pilot's) does not name it either
  const who = unit && q.roles
    ? `<p class="jst">${t.for}: <strong>${escapeHtml(unit.name)}</strong> <span class="jst__meta">(${escapeHtml(JST_KIND_LABELS[unit.kind as JstKind]?.[lang] ?? unit.kind)}, ${t.voivodeship} ${escapeHtml(VOIVODESHIPS[unit.voivodeship] ?? unit.voivodeship)})</span>${Object.keys(prefill).length ? `<br><span class="jst__note">${t.fixed}</span>` : ''}</p>`
    : '';
  const left = Math.max(0, context.invitation.slots - context.invitation.slotsUsed);
  const slotsNote = `<p class="slots-note${left <= 1 ? ' slots-note--last' : ''}" id="slots-note">${escapeHtml(t.slotsLeft(left))}</p>`;
  const body = `${who}
${slotsNote}
<div id="save-status" class="save-status" role="status" aria-live="polite"></div>
<div id="alert" class="alert" role="alert" hidden></div>
<div id="survey" class="survey"></div>
<noscript><p class="notice">${t.noscript}</p></noscript>
<section id="resume" class="resume" aria-labelledby="resume-title" hidden>
<h2 id="resume-title">${t.resumeTitle}</h2>
<p>${t.resumeText}</p>
<div class="resume__row"><label class="visually-hidden" for="resume-link">${t.resumeLabel}</label><input id="resume-link" class="resume__link" type="text" readonly><button type="button" id="resume-copy" class="button">${t.copy}</button></div>
<p class="resume__warning">${t.resumeWarning}</p>
</section>
${contactLine(lang, context.wave.contactEmail)}`;
  return layout({
    lang,
    title: q.title[lang].replace(/<[^>]*>/g, ''),
    langSwitch: true,
    ...(continuing ? { keepQuery: { continue: '1' } } : {}),
    body,
    styles: ['/assets/vendor/survey-core.fontless.min.css', '/assets/survey-theme.css'],
    scripts: ['/assets/vendor/survey.core.min.js', '/assets/vendor/polish.min.js', '/assets/vendor/survey-js-ui.min.js', '/assets/survey-page.js'],
    config: {
      lang,
      questionnaire: questionnaireUrl(served),
      api: `${served.base}/api/s/`,
      prefill,
      readOnly: Object.keys(prefill),
      texts: SCRIPT_TEXTS[lang],
      locale: lang === 'pl' ? SURVEY_LOCALE_PL : {},
    },
  });
}
