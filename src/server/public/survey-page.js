/*
 * The respondent's page (served as is, no bundler; SurveyJS globals from /assets/vendor).
 *
 * Draft and resume: the browser draws a random draft id once per form session and keeps it in localStorage under
 * the link; autosave PUTs the answers to <api>/<token>/draft (cfg.api: /api/s/, or /q/<id>/api/s/) (debounced) with that id. The "finish on another
 * device" link is this page's URL with `#d=<draft id>`: a fragment never reaches the server. Opening such a link
 * adopts the id, then removes it from the address bar, so a link copied from there later is the plain invitation
 * (a colleague who gets it starts a draft of their own). The answers are also kept in localStorage, in case the
 * server cannot be reached. Submitting POSTs the answers with the draft id; the thank-you page appears only once
 * the server has acknowledged them (201 stored, 202 stored as over-quota when colleagues used the last slot meanwhile,
 * or 200 for a retry of a stored submission).
 *
 * Everything shown from data uses textContent, never innerHTML.
 */
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('diag-config').textContent);
  var t = cfg.texts;
  var parts = location.pathname.split('/').filter(Boolean);
  var token = decodeURIComponent(parts[parts.length - 1] || '');
  // the API of the instrument this page serves (cfg.api: /api/s/, or /q/<id>/api/s/ for another instrument)
  var api = (cfg.api || '/api/s/') + encodeURIComponent(token);
  var key = 'diag-draft:' + token;
  var statusEl = document.getElementById('save-status');
  var alertEl = document.getElementById('alert');
  var resumeEl = document.getElementById('resume');
  var resumeInput = document.getElementById('resume-link');
  var state = { draftId: '', completed: false, savedAt: null, saves: 0 };
  window.diagState = state;

  function store(name, value) {
    try {
      if (value === null) localStorage.removeItem(key + name);
      else localStorage.setItem(key + name, value);
    } catch (e) { /* private mode: the server copy is enough */ }
  }
  function stored(name) {
    try { return localStorage.getItem(key + name); } catch (e) { return null; }
  }
  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function setStatus(text, error) {
    statusEl.textContent = text;
    statusEl.className = 'save-status' + (error ? ' save-status--error' : '');
  }
  function showAlert(text, items) {
    alertEl.textContent = '';
    var p = document.createElement('p');
    p.textContent = text;
    alertEl.appendChild(p);
    if (items && items.length) {
      var ul = document.createElement('ul');
      items.forEach(function (item) {
        var li = document.createElement('li');
        li.textContent = item;
        ul.appendChild(li);
      });
      alertEl.appendChild(ul);
    }
    alertEl.hidden = false;
    alertEl.scrollIntoView({ block: 'center' });
  }
  function hideAlert() { alertEl.hidden = true; alertEl.textContent = ''; }

  // --- the draft id: from a resume link, else this browser, else new --------------------------------------
  var fromLink = /(?:^#|&)d=([A-Za-z0-9_-]{16,64})(?:&|$)/.exec(location.hash);
  state.draftId = (fromLink && fromLink[1]) || stored('') || newId();
  if (fromLink && stored('') !== state.draftId) store(':data', null);
  store('', state.draftId);
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  var startedAt = stored(':started') || new Date().toISOString();
  store(':started', startedAt);

  function resumeUrl() {
    return location.origin + location.pathname + location.search + '#d=' + state.draftId;
  }
  function showResume() {
    if (state.completed) return;
    resumeInput.value = resumeUrl();
    resumeEl.hidden = false;
  }
  document.getElementById('resume-copy').addEventListener('click', function () {
    var done = function () { setStatus(t.copied); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(resumeInput.value).then(done, function () {});
    else { resumeInput.select(); document.execCommand('copy'); done(); }
  });

  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' }).then(function (r) {
      if (r.status === 404) return null;
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  Promise.all([getJson(cfg.questionnaire), getJson(api + '/draft?id=' + encodeURIComponent(state.draftId)).catch(function () { return null; })])
    .then(function (loaded) { start(loaded[0], loaded[1]); })
    .catch(function (e) {
      window.surveyError = String(e && e.stack || e);
      showAlert(t.sendFailed);
    });

  function start(json, draft) {
    // the questionnaire's register (Pan/Pani) over SurveyJS's own strings, which say "ty"
    var locales = Survey.surveyLocalization && Survey.surveyLocalization.locales;
    if (locales && locales[cfg.lang] && cfg.locale) Object.keys(cfg.locale).forEach(function (k) { locales[cfg.lang][k] = cfg.locale[k]; });
    var survey = new Survey.Model(json);
    survey.locale = cfg.lang;
    var local = null;
    try { local = JSON.parse(stored(':data') || 'null'); } catch (e) { local = null; }
    var saved = draft || local;
    if (saved && saved.startedAt) { startedAt = saved.startedAt; store(':started', startedAt); }
    survey.data = Object.assign({}, saved ? saved.answers : {}, cfg.prefill);
    cfg.readOnly.forEach(function (name) {
      var q = survey.getQuestionByName(name);
      if (q) q.readOnly = true;
    });
    if (saved && saved.page > 0) survey.currentPageNo = Math.min(saved.page, survey.visiblePageCount - 1);
    window.survey = survey;

    // --- autosave ----------------------------------------------------------------------------------------
    var timer = null;
    var dirty = false;
    var inflight = false;
    function snapshot() {
      return { id: state.draftId, answers: survey.data, startedAt: startedAt, page: survey.currentPageNo };
    }
    function schedule() {
      if (state.completed) return;
      dirty = true;
      var s = snapshot();
      store(':data', JSON.stringify({ answers: s.answers, startedAt: s.startedAt, page: s.page }));
      clearTimeout(timer);
      timer = setTimeout(save, 800);
    }
    function save(keepalive) {
      if (state.completed || !dirty) return;
      if (inflight) { clearTimeout(timer); timer = setTimeout(save, 400); return; }
      dirty = false;
      inflight = true;
      setStatus(t.saving);
      fetch(api + '/draft', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(snapshot()), keepalive: keepalive === true })
        .then(function (r) {
          if (r.ok) return r.json().then(function (body) {
            state.savedAt = body.savedAt;
            state.saves++;
            setStatus(t.saved + ' (' + new Date(body.savedAt).toLocaleTimeString(cfg.lang === 'pl' ? 'pl-PL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) + ')');
            showResume();
          });
          if (r.status === 410) { showAlert(t.closed); return; }
          throw new Error('HTTP ' + r.status);
        })
        .catch(function () {
          dirty = true;
          setStatus(t.saveFailed, true);
          clearTimeout(timer);
          timer = setTimeout(save, 5000);
        })
        .then(function () { inflight = false; });
    }
    survey.onValueChanged.add(schedule);
    survey.onCurrentPageChanged.add(function () { schedule(); hideAlert(); });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') save(true);
    });

    // --- submit: the thank-you page only after the server's acknowledgement --------------------------------
    function titleOf(variable) {
      var q = survey.getQuestionByName(variable) || survey.getQuestionByName(String(variable).split(/[._]/)[0]);
      return q ? q.processedTitle || q.title : variable;
    }
    survey.onCompleting.add(async function (_, options) {
      clearTimeout(timer);
      hideAlert();
      setStatus(t.sending);
      var r;
      try {
        r = await fetch(api + '/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ draftId: state.draftId, data: survey.data, startedAt: startedAt }) });
      } catch (e) {
        options.allow = false;
        setStatus('');
        showAlert(t.sendFailed);
        return;
      }
      var body = await r.json().catch(function () { return {}; });
      if (r.status === 200 || r.status === 201 || r.status === 202 || (r.status === 409 && body.code === 'RESPONSE_CONFLICT')) {
        state.completed = true;
        store('', null);
        store(':data', null);
        store(':started', null);
        resumeEl.hidden = true;
        setStatus(r.status === 409 ? t.conflict : body.status === 'over_quota' ? t.overQuota : t.thanks);
        return;
      }
      options.allow = false;
      setStatus('');
      if (r.status === 422) {
        showAlert(t.rejected, (body.issues || []).map(function (i) { return titleOf(i.variable) + ': ' + i.expected; }));
      } else if (body.code === 'SLOTS_EXHAUSTED') showAlert(t.spent);
      else if (body.code === 'WAVE_CLOSED') showAlert(t.closed);
      else showAlert(t.sendFailed);
    });
    survey.onComplete.add(function () {
      window.scrollTo(0, 0);
      var done = document.querySelector('.sd-completedpage');
      if (done) { done.setAttribute('tabindex', '-1'); done.focus(); }
    });

    survey.render(document.getElementById('survey'));
    if (draft) { setStatus(t.resumed); showResume(); }
  }
})();
