/**
 * The server's HTML: one layout, the status pages a respondent can meet (unknown, used-up or closed link, too many
 * requests, a server error), every one in Polish with an English switch. Pages carry no inline script (the CSP
 * forbids it); data a page needs travels in a `<script type="application/json">` block, which is never executed,
 * with `<` escaped so that no text can close the block.
 */
import type { Lang } from '../questionnaire/types.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** JSON safe inside `<script type="application/json">`: no `<` (so no `</script>`), no line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface LayoutOptions {
  lang: Lang;
  title: string;
  body: string;
  styles?: string[];
  scripts?: string[];
  /** JSON handed to the page's script as `#diag-config` */
  config?: unknown;
  /** show a link to the same page in the other language (a relative `?lang=` link: the path, which may hold a token, is not written into the page) */
  langSwitch?: boolean;
  /** query parameters the language link keeps (e.g. `continue=1`, without which a respondent past the last slot would be turned away) */
  keepQuery?: Record<string, string>;
}

export function layout(o: LayoutOptions): string {
  const other: Lang = o.lang === 'pl' ? 'en' : 'pl';
  const switchLink = o.langSwitch
    ? `<nav class="lang-switch" aria-label="${o.lang === 'pl' ? 'Język' : 'Language'}"><a href="?${escapeHtml(new URLSearchParams({ ...o.keepQuery, lang: other }).toString())}" lang="${other}" hreflang="${other}">${other === 'en' ? 'English' : 'Polski'}</a></nav>`
    : '';
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(o.title)}</title>
<link rel="icon" href="data:,">
${['/assets/site.css', ...(o.styles ?? [])].map((s) => `<link rel="stylesheet" href="${s}">`).join('\n')}
${o.config === undefined ? '' : `<script type="application/json" id="diag-config">${jsonForScript(o.config)}</script>`}
${(o.scripts ?? []).map((s) => `<script src="${s}" defer></script>`).join('\n')}
</head>
<body>
<a class="skip-link" href="#main">${o.lang === 'pl' ? 'Przejdź do treści' : 'Skip to content'}</a>
<header class="site-header">
<div class="site-header__inner"><span class="site-title">${o.lang === 'pl' ? 'Diagnoza kompetencji kadr JST' : 'JST staff competence diagnosis'}</span>${switchLink}</div>
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
</body>
</html>
`;
}

export type StatusPage = 'unknown' | 'spent' | 'closed' | 'rate_limited' | 'error' | 'not_found' | 'bad_address';

const STATUS_PAGES: Record<StatusPage, Record<Lang, { title: string; text: string }>> = {
  unknown: {
    pl: { title: 'Nie rozpoznajemy tego linku', text: 'Link do ankiety jest niepełny albo nieprawidłowy. Proszę skopiować go jeszcze raz w całości z wiadomości z zaproszeniem, a jeśli to nie pomoże – napisać do zespołu badania.' },
    en: { title: 'We do not recognise this link', text: 'The survey link is incomplete or wrong. Copy it again, in full, from the invitation e-mail. If that does not help, write to the survey team.' },
  },
  spent: {
    pl: { title: 'Ankieta z tego linku została już wypełniona', text: 'Z tego zaproszenia wysłano już wszystkie przewidziane odpowiedzi. Dziękujemy! Jeśli w urzędzie jest jeszcze osoba, która powinna wziąć udział, prosimy o wiadomość do zespołu badania.' },
    en: { title: 'This link has already been used in full', text: 'Every response this invitation allows has been sent. Thank you! If someone else in your office should take part, write to the survey team.' },
  },
  closed: {
    pl: { title: 'Badanie zostało zakończone', text: 'Ta edycja badania jest już zamknięta i nie przyjmuje odpowiedzi. Dziękujemy za zainteresowanie.' },
    en: { title: 'The survey has closed', text: 'This round of the survey is closed and no longer accepts responses. Thank you for your interest.' },
  },
  rate_limited: {
    pl: { title: 'Zbyt wiele prób w krótkim czasie', text: 'Proszę odczekać chwilę i odświeżyć stronę.' },
    en: { title: 'Too many requests', text: 'Please wait a moment and reload the page.' },
  },
  error: {
    pl: { title: 'Coś poszło nie tak', text: 'Serwer ankiety nie mógł teraz obsłużyć tej strony. Odpowiedzi, które zdążyły zapisać się automatycznie podczas wypełniania, pozostają na serwerze i wrócą po ponownym otwarciu linku w tej samej przeglądarce. Proszę spróbować ponownie za kilka minut.' },
    en: { title: 'Something went wrong', text: 'The survey server could not serve this page just now. Answers that were saved automatically while you filled in stay on the server and come back when you open the link again in the same browser. Please try again in a few minutes.' },
  },
  not_found: {
    pl: { title: 'Nie ma takiej strony', text: 'Proszę sprawdzić adres.' },
    en: { title: 'Page not found', text: 'Please check the address.' },
  },
  bad_address: {
    pl: { title: 'Nieprawidłowy adres', text: 'Adres strony jest niepełny albo błędny. Link do ankiety należy skopiować w całości z wiadomości z zaproszeniem.' },
    en: { title: 'Invalid address', text: 'The page address is incomplete or wrong. Copy the survey link in full from the invitation e-mail.' },
  },
};

/** On a used-up link: a way back to the form for whoever began filling it in before the last slot went (a relative link: the token is not written into the page). */
const CONTINUE: Record<Lang, string> = {
  pl: '<p>Jeśli rozpoczął Pan / rozpoczęła Pani wypełnianie ankiety wcześniej, można ją dokończyć: <a href="?continue=1&amp;lang=pl">wróć do ankiety</a>. Odpowiedzi zostaną zapisane, a o ich włączeniu do wyników zdecyduje zespół badania.</p>',
  en: '<p>If you began filling in the questionnaire earlier, you can finish it: <a href="?continue=1&amp;lang=en">back to the questionnaire</a>. Your answers will be saved, and the survey team will decide whether to include them.</p>',
};

/** The study's contact line: the wave's address when known, else a general pointer to the invitation e-mail. */
export function contactLine(lang: Lang, contact: string | null | undefined): string {
  if (contact) {
    const a = `<a href="mailto:${escapeHtml(contact)}">${escapeHtml(contact)}</a>`;
    return lang === 'pl' ? `<p class="contact">Kontakt z zespołem badania: ${a}</p>` : `<p class="contact">Contact the survey team: ${a}</p>`;
  }
  return lang === 'pl'
    ? '<p class="contact">Adres zespołu badania podano w wiadomości z zaproszeniem.</p>'
    : '<p class="contact">The survey team’s address is given in the invitation e-mail.</p>';
}

/** A status page for a respondent: what happened and what to do, in the chosen language, with the study's contact. */
export function statusPage(kind: StatusPage, lang: Lang, contact?: string | null): string {
  const t = STATUS_PAGES[kind][lang];
  return layout({
    lang,
    title: t.title,
    langSwitch: true,
    body: `<section class="notice notice--${kind}" aria-labelledby="notice-title"><h1 id="notice-title">${escapeHtml(t.title)}</h1><p>${escapeHtml(t.text)}</p>${kind === 'spent' ? CONTINUE[lang] : ''}${contactLine(lang, contact)}</section>`,
  });
}

/** The status page of an error code and HTTP status. */
export function statusPageFor(code: string, status: number): StatusPage {
  if (code === 'INVITATION_UNKNOWN') return 'unknown';
  if (code === 'SLOTS_EXHAUSTED') return 'spent';
  if (code === 'WAVE_CLOSED') return 'closed';
  if (status === 429) return 'rate_limited';
  if (status === 404) return 'not_found';
  // any other refusal of a page is about its address, not a fault of the server: no word of saved answers
  if (status < 500) return 'bad_address';
  return 'error';
}

/**
 * The page language: `?lang=` when chosen, else the first of Polish or English in the browser's `Accept-Language`
 * (by its q-values), else Polish.
 */
export function langOf(query: unknown, acceptLanguage?: string | string[]): Lang {
  const chosen = (query as { lang?: unknown } | undefined)?.lang;
  if (chosen === 'en' || chosen === 'pl') return chosen;
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'pl';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.slice(0, 500).split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'pl' && primary !== 'en') continue;
    const qp = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? 'pl';
}
