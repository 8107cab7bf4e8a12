# Writes the three pilot instruments (surveys/pilot-*.json and their .programme.json) from the diagnosis
# questionnaire (the same areas, items and item conditions, translated to programme codes) and the programme
# catalogue (programmes and modules). Run from the repository root: python3 surveys/make_pilot_instruments.py.
# The JSON files are the source of truth once written; edit them by hand or rerun this after the diagnosis changes
# (test/questionnaire/pilot-instruments.test.ts checks that the items still agree).
import json, copy
D = json.load(open('surveys/diagnoza-jst.json'))
C = json.load(open('src/recommendations/catalogue.json'))
A = 'ABCDEFGHJKMNPQRSTVWXYZ'
CODE_RE = '^\\s*[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{4}-[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{4}\\s*$'
L = lambda pl, en: {'pl': pl, 'en': en}
PROG_LABELS = {
 'GW_K': L('gminy wiejskie i miejsko-wiejskie – kadra zarządzająca', 'rural and urban-rural gminas – management'),
 'GW_O': L('gminy wiejskie i miejsko-wiejskie – pracownicy operacyjni', 'rural and urban-rural gminas – operational staff'),
 'GM_K': L('gminy miejskie – kadra zarządzająca', 'urban gminas – management'),
 'GM_O': L('gminy miejskie – pracownicy operacyjni', 'urban gminas – operational staff'),
 'PW_K': L('powiaty i miasta na prawach powiatu – kadra zarządzająca', 'counties and cities with county rights – management'),
 'PW_O': L('powiaty i miasta na prawach powiatu – pracownicy operacyjni', 'counties and cities with county rights – operational staff'),
}
assert [p['code'].replace('-', '_') for p in C['programmes']] == list(PROG_LABELS)
def prog_has(module):
    return [p['code'].replace('-', '_') for p in C['programmes'] if any(m['module'] == module for m in p['modules'])]
def anyof(codes):
    return "{programme} anyof [" + ", ".join("'%s'" % c for c in codes) + "]"
ALLP = list(PROG_LABELS)
import re
SEG = {'GW': ['rural', 'urban_rural'], 'GM': ['urban'], 'PW': ['county', 'city_county']}
GRP = {'K': 'management', 'O': 'operational'}
def translate(cond):
    # a diagnosis item condition on staff group or JST kind -> the programmes whose participants could see it
    m = re.fullmatch(r"\{staff_group\} = '(\w+)'", cond)
    if m:
        progs = [c for c in ALLP if GRP[c[3]] == m.group(1)]
    else:
        m = re.fullmatch(r"\{jst_kind\} anyof \[(.*)\]", cond)
        assert m, cond
        kinds = re.findall(r"'(\w+)'", m.group(1))
        progs = [c for c in ALLP if set(SEG[c[:2]]) & set(kinds)]
    return anyof(progs)

def common(kind_intro):
    return [
      {'type': 'html', 'name': 'intro_text', 'html': kind_intro},
      {'type': 'text', 'name': 'participant_code', 'isRequired': True, 'maxLength': 12,
       'title': L('Kod uczestnika', 'Participant code'),
       'description': L('Kod z zaproszenia do pilotażu, w postaci XXXX-XXXX (np. 7K2M-QX9D). Łączy Pana/Pani odpowiedzi z kolejnych ankiet bez podawania imienia i nazwiska.',
                        'The code from your pilot invitation, in the form XXXX-XXXX (e.g. 7K2M-QX9D). It links your answers across the questionnaires without your name.'),
       'validators': [{'type': 'regex', 'regex': CODE_RE, 'text': L('Kod ma postać XXXX-XXXX: cyfry i litery bez I, L, O, U.', 'The code is XXXX-XXXX: digits and letters without I, L, O, U.')}]},
      {'type': 'dropdown', 'name': 'programme', 'isRequired': True, 'title': L('Program, w którym Pan/Pani uczestniczy', 'The programme you take part in'),
       'choices': [{'value': c, 'text': l} for c, l in PROG_LABELS.items()]},
    ]
NOTE = L('<p><strong>Pilotaż programów szkoleniowo-doradczych dla kadr JST</strong></p><p>Ankieta jest anonimowa: nie prosimy o imię, nazwisko, stanowisko ani nazwę JST. Kod uczestnika służy wyłącznie do połączenia odpowiedzi z różnych ankiet; w wynikach nigdy się nie pojawia, a wyniki podajemy tylko dla grup co najmniej 5 osób.</p>',
         '<p><strong>Pilot of the training and advisory programmes for JST staff</strong></p><p>The questionnaire is anonymous: we do not ask for your name, position or JST. The participant code only links your answers across questionnaires; it never appears in the results, which are given only for groups of at least 5 people.</p>')
def rating(name, pl, en, lo, hi):
    return {'type': 'rating', 'name': name, 'isRequired': True, 'rateMin': 1, 'rateMax': 5, 'title': L(pl, en), 'minRateDescription': lo, 'maxRateDescription': hi}
BASE = {k: D[k] for k in ('locale', 'showQuestionNumbers', 'showProgressBar', 'progressBarType', 'checkErrorsMode', 'completeText')}
BASE['completedHtml'] = L('<h3>Dziękujemy za wypełnienie ankiety.</h3>', '<h3>Thank you for completing the questionnaire.</h3>')

# (a) module reaction
reaction = dict(title=L('Ocena modułu programu (pilotaż)', 'Module evaluation (pilot)'), **BASE)
mods = common(NOTE) + [{'type': 'dropdown', 'name': 'module', 'isRequired': True, 'title': L('Oceniany moduł', 'The module you evaluate'),
   'choices': [dict({'value': k, 'text': m['title']}, **({} if len(prog_has(k)) == 6 else {'visibleIf': anyof(prog_has(k))})) for k, m in C['modules'].items()]}]
lo, hi = L('zdecydowanie nie', 'not at all'), L('zdecydowanie tak', 'very much')
reaction['pages'] = [
  {'name': 'participant', 'elements': mods},
  {'name': 'ratings', 'title': L('Ocena modułu', 'Rating the module'),
   'description': L('Proszę ocenić moduł w skali 1–5 (1 – zdecydowanie nie, 5 – zdecydowanie tak).', 'Please rate the module on a 1–5 scale (1 – not at all, 5 – very much).'),
   'elements': [
     rating('relevance', 'Treści modułu dotyczyły zadań, które wykonuję w pracy', 'The module dealt with tasks I do at work', lo, hi),
     rating('usefulness', 'To, czego się nauczyłem/nauczyłam, przyda mi się w pracy', 'What I learnt will be useful in my work', lo, hi),
     rating('trainer', 'Trener lub doradca prowadził zajęcia kompetentnie i zrozumiale', 'The trainer or adviser taught competently and clearly', lo, hi),
     rating('organisation', 'Organizacja modułu (termin, miejsce lub platforma, materiały) była dobra', 'The module was well organised (timing, venue or platform, materials)', lo, hi),
     {'type': 'comment', 'name': 'comment', 'maxLength': 2000, 'title': L('Co w tym module warto zmienić lub zachować?', 'What should be changed or kept in this module?'),
      'description': L('Prosimy nie podawać nazwisk ani nazwy JST.', 'Please give no names and no JST name.')},
   ]},
]
reaction_meta = {
  '$comment': 'Programme metadata of the pilot module-reaction questionnaire (Kirkpatrick level 1), read beside pilot-reakcja.json by src/questionnaire/instrument.ts.',
  'questionnaire': 'pilot-reakcja.json', 'version': '1.0', 'instrument': 'reaction',
  'roles': {'participantCode': 'participant_code', 'programme': 'programme', 'module': 'module'},
  'scales': [
    {'code': 'relevance', 'question': 'relevance', 'label': L('trafność', 'relevance')},
    {'code': 'usefulness', 'question': 'usefulness', 'label': L('przydatność', 'usefulness')},
    {'code': 'trainer', 'question': 'trainer', 'label': L('trener', 'trainer')},
    {'code': 'organisation', 'question': 'organisation', 'label': L('organizacja', 'organisation')},
  ],
}

# (b) end of programme: then-test
post = dict(title=L('Ankieta na zakończenie programu (pilotaż)', 'End-of-programme questionnaire (pilot)'), **BASE)
pages = [{'name': 'participant', 'elements': common(NOTE)}]
areas_meta = []
for page in D['pages']:
    for e in page.get('elements', []):
        if e['type'] != 'matrixdropdown':
            continue
        area = e['name']
        progs = prog_has(area)
        m = copy.deepcopy(e)
        for row in m['rows']:
            if 'visibleIf' in row:
                row['visibleIf'] = translate(row['visibleIf'])
        m['columns'] = [
          {'name': 'now', 'title': L('Mój obecny poziom, po programie (1 – bardzo niski, 5 – bardzo wysoki)', 'My level now, after the programme (1 – very low, 5 – very high)'), 'cellType': 'rating', 'rateMin': 1, 'rateMax': 5, 'isRequired': True},
          {'name': 'before', 'title': L('Mój poziom przed programem, oceniany dziś (1 – bardzo niski, 5 – bardzo wysoki)', 'My level before the programme, as I see it today (1 – very low, 5 – very high)'), 'cellType': 'rating', 'rateMin': 1, 'rateMax': 5, 'isRequired': True},
        ]
        p = {'name': page['name'], 'title': page['title'],
             'description': L('Proszę ocenić każde stwierdzenie dwukrotnie w skali 1–5: swój obecny poziom kompetencji oraz – patrząc z dzisiejszej perspektywy – swój poziom przed rozpoczęciem programu.',
                              'Please rate each statement twice on a 1–5 scale: your level of competence now and – looking back from today – your level before the programme began.'),
             'elements': [m]}
        if len(progs) < 6:
            p['visibleIf'] = anyof(progs)
        pages.append(p)
        ref = next(a for a in json.load(open('surveys/diagnoza-jst.programme.json'))['areas'] if a['question'] == area)
        areas_meta.append({'code': ref['code'], 'question': area, 'label': ref['label'], 'short': ref['short']})
post['pages'] = pages
post_meta = {
  '$comment': 'Programme metadata of the pilot end-of-programme questionnaire: the diagnosis competence items (same area and item codes) rated for the current level and retrospectively for the level before the programme (then-test). Read beside pilot-koniec.json by src/questionnaire/instrument.ts.',
  'questionnaire': 'pilot-koniec.json', 'version': '1.0', 'instrument': 'post',
  'roles': {'participantCode': 'participant_code', 'programme': 'programme'},
  'measures': {'now': {'role': 'level', 'label': L('poziom po programie', 'level after')}, 'before': {'role': 'retrospective', 'label': L('poziom przed (retrospektywnie)', 'level before (retrospective)')}},
  'areas': areas_meta,
}

# (c) 3-month follow-up
fu = dict(title=L('Ankieta 3 miesiące po programie (pilotaż)', 'Follow-up questionnaire 3 months after the programme (pilot)'), **BASE)
fu['pages'] = [
  {'name': 'participant', 'elements': common(NOTE)},
  {'name': 'application', 'title': L('Stosowanie w pracy', 'Applying it at work'), 'elements': [
    rating('applied', 'Stosuję w pracy to, czego nauczyłem/nauczyłam się w programie', 'I apply at work what I learnt in the programme', lo, hi),
    rating('improved', 'Dzięki programowi lepiej wykonuję zadania oświatowe JST', "Thanks to the programme I do the JST's education tasks better", lo, hi),
    rating('shared', 'Dzieliłem/dzieliłam się wiedzą z programu ze współpracownikami', 'I have shared what I learnt with colleagues', lo, hi),
    {'type': 'radiogroup', 'name': 'plan_status', 'isRequired': True, 'title': L('Lokalny plan podnoszenia jakości usług oświatowych przygotowany w programie jest:', 'The local plan for better education services prepared in the programme is:'),
     'choices': [{'value': 'adopted', 'text': L('przyjęty przez radę lub wójta/burmistrza/zarząd', 'adopted by the council or the executive')},
                 {'value': 'in_progress', 'text': L('w przygotowaniu lub konsultacjach', 'being prepared or consulted')},
                 {'value': 'shelved', 'text': L('odłożony', 'shelved')},
                 {'value': 'dont_know', 'text': L('nie wiem', "I don't know")}]},
    {'type': 'checkbox', 'name': 'barriers', 'isRequired': True, 'colCount': 1, 'showNoneItem': True, 'noneText': L('nic nie utrudnia', 'nothing stands in the way'),
     'title': L('Co utrudnia stosowanie w pracy tego, czego nauczył(a) się Pan/Pani w programie?', 'What makes it hard to apply at work what you learnt in the programme?'),
     'choices': [{'value': 'time', 'text': L('brak czasu', 'lack of time')},
                 {'value': 'superiors', 'text': L('brak poparcia przełożonych', "lack of superiors' support")},
                 {'value': 'funds', 'text': L('brak środków finansowych', 'lack of funds')},
                 {'value': 'data', 'text': L('brak danych lub narzędzi', 'lack of data or tools')},
                 {'value': 'law', 'text': L('przepisy lub procedury', 'regulations or procedures')},
                 {'value': 'fit', 'text': L('treści programu nie pasują do moich zadań', "the programme's content does not fit my tasks")}]},
    {'type': 'comment', 'name': 'example', 'maxLength': 2000, 'title': L('Proszę podać przykład zastosowania w pracy (bez nazwisk i nazwy JST).', 'Please give an example of applying it at work (no names, no JST name).')},
  ]},
]
fu_meta = {
  '$comment': 'Programme metadata of the pilot follow-up questionnaire (3 months after the programme; Kirkpatrick level 3). Read beside pilot-po-3-miesiacach.json by src/questionnaire/instrument.ts.',
  'questionnaire': 'pilot-po-3-miesiacach.json', 'version': '1.0', 'instrument': 'followup',
  'roles': {'participantCode': 'participant_code', 'programme': 'programme'},
  'scales': [
    {'code': 'applied', 'question': 'applied', 'label': L('stosowanie w pracy', 'applied at work')},
    {'code': 'improved', 'question': 'improved', 'label': L('lepsza praca', 'work improved')},
    {'code': 'shared', 'question': 'shared', 'label': L('dzielenie się wiedzą', 'knowledge shared')},
  ],
  'tabulate': ['plan_status', 'barriers'],
}
for name, s, m in [('pilot-reakcja', reaction, reaction_meta), ('pilot-koniec', post, post_meta), ('pilot-po-3-miesiacach', fu, fu_meta)]:
    json.dump(s, open(f'surveys/{name}.json', 'w'), ensure_ascii=False, indent=2); open(f'surveys/{name}.json', 'a').write('\n')
    json.dump(m, open(f'surveys/{name}.programme.json', 'w'), ensure_ascii=False, indent=2); open(f'surveys/{name}.programme.json', 'a').write('\n')
