/*
 * The admin dashboard (served as is, no bundler; chart.js from /assets/vendor). The admin token is asked for once
 * and kept in sessionStorage; every call sends it as a bearer token; files are downloaded with fetch and a blob
 * link, so the token never appears in a URL. Every value is written with textContent: nothing from the data is
 * ever parsed as HTML. Everything below the waves table is for one chosen wave: its fieldwork progress (counts of
 * JSTs and responses, which the team needs at any scale), the JSTs that have not answered, contacts and e-mails,
 * over-quota responses to accept or reject, data quality and the downloads (CSV, results.json, PDFs of that wave).
 */
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('diag-config').textContent);
  var lang = cfg.lang;
  // the page's words in both languages (dashboard-texts.js, loaded before this script)
  var T = window.diagDashboardTexts[lang];
  var KEY = 'diag-admin-token';
  var root = document.getElementById('dashboard');
  var form = document.getElementById('login');
  var loginError = document.getElementById('login-error');
  var chart = null;
  var state = { overview: null, wave: null };
  window.diagDashboard = state;

  /** An element with text children only: attributes by setAttribute, text by text nodes. */
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'onclick') e.addEventListener('click', attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, String(attrs[k]));
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return e;
  }
  function token() { return sessionStorage.getItem(KEY) || ''; }
  function call(path, init) {
    var options = init || {};
    options.headers = Object.assign({ authorization: 'Bearer ' + token() }, options.headers || {});
    return fetch(path, options).then(function (r) {
      if (r.status === 401) { signOut(T.badToken); throw new Error('401'); }
      return r;
    });
  }
  function json(path, method, body) {
    var init = method ? { method: method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined;
    return call(path, init).then(function (r) {
      return r.json().then(function (b) {
        if (!r.ok) throw new Error(b && b.message ? b.message + (b.details && b.details.length ? ' — ' + b.details.slice(0, 5).map(function (d) { return (d.row ? 'row ' + d.row + ', ' : '') + (d.column ? d.column + ': ' : '') + d.message; }).join('; ') : '') : 'HTTP ' + r.status);
        return b;
      });
    });
  }
  /** A download through fetch (the token stays out of URLs); the button shows that it is being prepared. */
  function download(path, name, button) {
    var label = button ? button.textContent : '';
    if (button) { button.disabled = true; button.textContent = T.preparing; }
    notify('');
    return call(path).then(function (r) {
      if (!r.ok) return r.json().then(function (b) { throw new Error(b.message); });
      return r.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = el('a', { href: url, download: name });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        notify(T.ready + name);
      });
    }).catch(function (e) { if (e.message !== '401') notify(T.failed + e.message); }).then(function () {
      if (button) { button.disabled = false; button.textContent = label; }
    });
  }
  function notify(text) {
    var box = document.getElementById('dash-status');
    if (box) box.textContent = text;
  }
  function signOut(message) {
    sessionStorage.removeItem(KEY);
    root.hidden = true;
    root.textContent = '';
    form.hidden = false;
    loginError.textContent = message || '';
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    sessionStorage.setItem(KEY, document.getElementById('token').value.trim());
    document.getElementById('token').value = '';
    loginError.textContent = '';
    load();
  });

  function fmtRate(v) { return v === null ? '—' : (Math.round(v * 1000) / 10).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB') + ' %'; }
  function segmentLabel(code) {
    if (code === 'all') return T.all;
    var s = (state.overview.segments || []).filter(function (x) { return x.code === code; })[0];
    return s ? s.label[lang] : code;
  }
  function voivLabel(code) { return code === 'all' ? T.all : (cfg.voivodeships[code] || code); }


  function load() {
    form.hidden = true;
    root.hidden = false;
    root.textContent = T.loading;
    Promise.all([json('/api/admin/overview'), json('/api/admin/waves')]).then(function (r) {
      state.overview = r[0];
      render(r[0], r[1].waves);
    }).catch(function (e) { if (e.message !== '401') root.textContent = T.failed + e.message; });
  }

  /** The counts above the wave's sections (responses in the store and per wave) change as fieldwork goes on. */
  function refreshCounts() {
    Promise.all([json('/api/admin/overview'), json('/api/admin/waves')]).then(function (r) {
      state.overview = r[0];
      var total = document.getElementById('total-responses');
      if (total) total.textContent = String(r[0].responses);
      r[1].waves.forEach(function (w) {
        var cell = root.querySelector('td[data-responses="' + CSS.escape(w.name) + '"]');
        if (cell) cell.textContent = String(w.responses);
      });
    }).catch(function () {});
  }

  function render(overview, waves) {
    root.textContent = '';
    root.appendChild(el('p', { id: 'dash-status', class: 'status-line', role: 'status' }));
    root.appendChild(el('div', { class: 'toolbar' }, [
      el('p', { class: 'big-number' }, [T.responses + ': ', el('strong', { id: 'total-responses' }, [String(overview.responses)])]),
      el('button', { type: 'button', class: 'button button--secondary', onclick: function () { signOut(''); } }, [T.signOut]),
    ]));
    root.appendChild(el('h2', {}, [T.waves]));
    if (!waves.length) root.appendChild(el('p', {}, [T.noWaves]));
    else {
      var rows = waves.map(function (w) {
        return el('tr', {}, [
          el('th', { scope: 'row' }, [w.name]), el('td', {}, [w.questionnaire || '—']), el('td', {}, [w.status === 'open' ? T.open : T.closed]), el('td', { class: 'num' }, [String(w.invitations)]),
          el('td', { class: 'num' }, [String(w.slots)]), el('td', { class: 'num', 'data-responses': w.name }, [String(w.responses)]),
          el('td', {}, [el('button', { type: 'button', class: 'button button--small', 'data-wave': w.name, onclick: function () { showWave(w.name); } }, [T.show])]),
        ]);
      });
      root.appendChild(table([T.wave, T.questionnaire, T.status, T.invitations, T.slots, T.responses, ''], rows, 'waves', [3, 4, 5]));
    }
    ['progress', 'nonresponders', 'fieldwork', 'overquota', 'quality', 'downloads'].forEach(function (id) { root.appendChild(el('section', { id: id, 'aria-live': id === 'progress' ? 'polite' : null })); });
    state.waves = waves;
    // the latest wave of the diagnosis first (a pilot wave is shown on request)
    var diagnosis = waves.filter(function (w) { return w.diagnosis; });
    if (waves.length) showWave((diagnosis.length ? diagnosis : waves)[(diagnosis.length ? diagnosis : waves).length - 1].name);
    else renderDownloads(null);
  }

  function table(headers, rows, id, numeric) {
    return el('div', { class: 'table-wrap' }, [el('table', { class: 'data', id: id }, [
      el('thead', {}, [el('tr', {}, headers.map(function (h, i) { return el('th', { scope: 'col', class: numeric && numeric.indexOf(i) >= 0 ? 'num' : null }, [h]); }))]),
      el('tbody', {}, rows),
    ])]);
  }
  function section(id, title) {
    var s = document.getElementById(id);
    s.textContent = '';
    s.appendChild(el('h2', {}, [title]));
    return s;
  }
  function fail(id) { return function (e) { if (e.message !== '401') document.getElementById(id).textContent = T.failed + e.message; }; }
  function q(name) { return '?wave=' + encodeURIComponent(name); }

  /** Everything below the waves table is for one wave: progress, non-responders, fieldwork, quality, downloads. */
  function showWave(name) {
    state.wave = name;
    refreshCounts();
    var base = '/api/admin/waves/' + encodeURIComponent(name);
    json(base + '/progress').then(renderProgress).catch(fail('progress'));
    json(base + '/jsts').then(renderNonResponders).catch(fail('nonresponders'));
    renderFieldwork(name);
    json('/api/admin/over-quota' + q(name)).then(renderOverQuota).catch(fail('overquota'));
    var w = (state.waves || []).filter(function (x) { return x.name === name; })[0];
    if (w && !w.diagnosis) {
      section('quality', T.quality).appendChild(el('p', { class: 'hint' }, [T.pilotWave]));
      renderDownloads(name, true);
      return;
    }
    json('/api/admin/quality' + q(name)).then(renderQuality).catch(fail('quality'));
    renderDownloads(name);
  }

  function renderProgress(p) {
    var s = section('progress', T.progress + ': ' + p.wave);
    s.appendChild(el('p', { class: 'hint' }, [T.fieldworkNote]));
    var canvas = el('canvas', { id: 'progress-chart', role: 'img', 'aria-label': T.chartProgress });
    s.appendChild(el('figure', { class: 'chart' }, [el('figcaption', {}, [T.chartProgress]), el('div', { class: 'chart__box' }, [canvas])]));
    s.appendChild(el('h3', {}, [T.bySegment]));
    s.appendChild(progressTable(p.segments.concat([p.total]), 'progress-segments', function (c) { return c.segment === 'all' ? T.total : segmentLabel(c.segment); }));
    s.appendChild(el('h3', {}, [T.byVoiv]));
    s.appendChild(progressTable(p.voivodeships.concat([p.total]), 'progress-table', function (c) { return c.voivodeship === 'all' ? T.total : voivLabel(c.voivodeship); }));
    drawChart(canvas, p);
  }

  /** One line per segment or voivodeship: JSTs by status, responses, over-quota waiting, share of JSTs answered. */
  function progressTable(cells, id, label) {
    var rows = cells.map(function (c) {
      var total = c.segment === 'all' && c.voivodeship === 'all';
      return el('tr', { class: total ? 'margin total' : null }, [
        el('th', { scope: 'row' }, [label(c)]),
        el('td', { class: 'num' }, [String(c.invitedJst)]), el('td', { class: 'num answered' }, [String(c.answeredJst)]),
        el('td', { class: 'num' }, [String(c.startedJst)]), el('td', { class: 'num' }, [String(c.notStartedJst)]),
        el('td', { class: 'num respondents' }, [String(c.responses)]), el('td', { class: 'num' }, [String(c.pending)]),
        el('td', { class: 'num rate' }, [fmtRate(c.responseRate)]),
      ]);
    });
    return table(['', T.invited, T.answered, T.started, T.notStarted, T.responsesCol, T.pending, T.rate], rows, id, [1, 2, 3, 4, 5, 6, 7]);
  }

  function renderNonResponders(body) {
    var s = section('nonresponders', T.nonResponders + ' (' + body.jsts.length + ')');
    if (!body.jsts.length) { s.appendChild(el('p', {}, [T.everyoneAnswered])); return; }
    var rows = body.jsts.map(function (j) {
      return el('tr', {}, [el('td', {}, [j.teryt]), el('th', { scope: 'row' }, [j.name]), el('td', {}, [voivLabel(j.voivodeship)]), el('td', { class: 'status-' + j.status }, [T.statusNames[j.status]]),
        el('td', { class: 'num' }, [String(j.drafts)]), el('td', { class: 'num' }, [String(j.contacts)]), el('td', {}, [j.remindedAt ? j.remindedAt.slice(0, 16).replace('T', ' ') : '—'])]);
    });
    s.appendChild(table([T.teryt, T.name, T.voivodeship, T.status, T.drafts, T.contacts, T.reminded], rows, 'nonresponders-table', [4, 5]));
  }

  function renderFieldwork(name) {
    var s = section('fieldwork', T.fieldwork);
    var base = '/api/admin/waves/' + encodeURIComponent(name);
    var contact = el('input', { id: 'contact-email', type: 'email', autocomplete: 'off' });
    json(base + '/progress').then(function (p) { contact.value = p.contactEmail || ''; }).catch(function () {});
    s.appendChild(el('div', { class: 'form-row' }, [el('label', { for: 'contact-email' }, [T.contactAddr]), contact,
      el('button', { type: 'button', class: 'button button--small', onclick: function () {
        json(base + '/contact', 'PUT', { email: contact.value.trim() || null }).then(function () { notify(T.savedNote); }).catch(function (e) { if (e.message !== '401') notify(T.failed + e.message); });
      } }, [T.save])]));
    var file = el('input', { id: 'contacts-file', type: 'file', accept: '.csv,text/csv' });
    s.appendChild(el('div', { class: 'form-row' }, [el('label', { for: 'contacts-file' }, [T.contactsFile]), file,
      el('button', { type: 'button', class: 'button button--small', onclick: function () {
        var f = file.files && file.files[0];
        if (!f) return;
        f.text().then(function (text) { return json(base + '/contacts', 'POST', { fileName: f.name, csv: text }); })
          .then(function (r) { notify(T.contactsNote.replace('{c}', r.contacts).replace('{j}', r.jsts)); showWave(name); })
          .catch(function (e) { if (e.message !== '401') notify(T.failed + e.message); });
      } }, [T.upload])]));
    var send = function (kind) {
      return function () {
        if (!window.confirm(T.confirmSend)) return;
        json(base + '/send', 'POST', { kind: kind, baseUrl: location.origin }).then(function (r) {
          notify(T.sentNote.replace('{m}', r.messages).replace('{j}', r.jsts).replace('{t}', r.targeted).replace('{f}', r.failed));
          showWave(name);
        }).catch(function (e) { if (e.message !== '401') notify(T.failed + e.message); });
      };
    };
    var mm = function (kind, label) {
      var b = el('button', { type: 'button', class: 'button button--secondary', onclick: function () { download(base + '/mailmerge?kind=' + kind + '&baseUrl=' + encodeURIComponent(location.origin), 'mailmerge-' + name + '-' + kind + '.csv', b); } }, [label]);
      return b;
    };
    s.appendChild(el('ul', { class: 'downloads' }, [
      el('li', {}, [el('button', { type: 'button', class: 'button', onclick: send('invitation') }, [T.sendInv])]),
      el('li', {}, [el('button', { type: 'button', class: 'button', onclick: send('reminder') }, [T.sendRem])]),
      el('li', {}, [mm('invitation', T.mmInv)]), el('li', {}, [mm('reminder', T.mmRem)]),
    ]));
  }

  function renderOverQuota(body) {
    var s = section('overquota', T.overQuota);
    if (!body.responses.length) { s.appendChild(el('p', {}, [T.noOverQuota])); return; }
    var rows = body.responses.map(function (o) {
      var decide = function (decision) {
        return function () { json('/api/admin/over-quota/' + encodeURIComponent(o.id), 'POST', { decision: decision }).then(function () { showWave(state.wave); }).catch(function (e) { if (e.message !== '401') notify(T.failed + e.message); }); };
      };
      var action = o.review === 'pending'
        ? el('td', {}, [el('button', { type: 'button', class: 'button button--small', onclick: decide('accepted') }, [T.accept]), ' ', el('button', { type: 'button', class: 'button button--small button--secondary', onclick: decide('rejected') }, [T.reject])])
        : el('td', {}, [(T.reviewNames[o.review] || o.review) + (o.reviewedAt ? ' (' + o.reviewedAt.slice(0, 16).replace('T', ' ') + ')' : '')]);
      return el('tr', {}, [el('th', { scope: 'row' }, [o.id]), el('td', {}, [o.teryt || '—']), el('td', {}, [o.storedAt.slice(0, 16).replace('T', ' ')]), action]);
    });
    s.appendChild(table(['ID', T.teryt, T.stored, T.review], rows, 'overquota-table'));
  }

  function renderQuality(quality) {
    var s = section('quality', T.quality + (quality.wave ? ' (' + T.forWave + ' ' + quality.wave + ')' : ''));
    var qrows = Object.keys(quality.flags).map(function (f) { return el('tr', {}, [el('th', { scope: 'row' }, [T.flags[f] || f]), el('td', { class: 'num' }, [String(quality.flags[f])])]); });
    qrows.push(el('tr', {}, [el('th', { scope: 'row' }, [T.excluded]), el('td', { class: 'num' }, [String(quality.excluded)])]));
    if (quality.medianDurationSec !== null) qrows.push(el('tr', {}, [el('th', { scope: 'row' }, [T.median]), el('td', { class: 'num' }, [Math.round(quality.medianDurationSec / 60) + ' ' + T.minutes])]));
    s.appendChild(table([T.flag, T.count], qrows, 'quality-table', [1]));
  }

  function renderDownloads(wave, csvOnly) {
    var overview = state.overview;
    var s = section('downloads', T.downloads + (wave ? ' (' + T.forWave + ' ' + wave + ')' : ''));
    var wq = wave ? q(wave) : '';
    var tag = wave || 'all';
    var button = function (label, path, name) {
      var b = el('button', { type: 'button', class: 'button button--secondary', onclick: function () { download(path, name, b); } }, [label]);
      return el('li', {}, [b]);
    };
    var links = el('ul', { class: 'downloads' }, [
      button(T.csvRaw, '/api/admin/export?format=raw' + (wave ? '&wave=' + encodeURIComponent(wave) : ''), 'responses-' + tag + '.csv'),
      button(T.csvLabelled, '/api/admin/export?format=labelled' + (wave ? '&wave=' + encodeURIComponent(wave) : ''), 'responses-' + tag + '-labelled.csv'),
    ]);
    s.appendChild(links);
    if (csvOnly) return;
    links.appendChild(button(T.results, '/api/admin/results' + wq, 'results-' + tag + '.json'));
    if (overview.reports) {
      overview.segments.forEach(function (sg) {
        ['pl', 'en'].forEach(function (l) {
          links.appendChild(button(T.report + ': ' + sg.label[lang] + ' (' + l.toUpperCase() + ')', '/api/admin/reports/' + encodeURIComponent(sg.code) + '.pdf?lang=' + l + (wave ? '&wave=' + encodeURIComponent(wave) : ''), 'raport-' + tag + '-' + sg.code + '-' + l + '.pdf'));
        });
      });
    }
    if (!overview.reports) s.appendChild(el('p', { class: 'hint' }, [T.noReports]));
    // programmes of the wave: listed on request (building them needs the wave's analysis)
    s.appendChild(el('h3', {}, [T.programmes]));
    var plist = el('ul', { class: 'downloads', id: 'programmes' });
    var pbutton = el('button', { type: 'button', class: 'button button--secondary', onclick: function () {
      pbutton.disabled = true;
      var wamp = wave ? '&wave=' + encodeURIComponent(wave) : '';
      json('/api/admin/programmes' + wq).then(function (body) {
        pbutton.remove();
        body.programmes.forEach(function (p) {
          var base = '/api/admin/programmes/' + encodeURIComponent(p.code);
          var name = p.title[lang] + ' (' + p.code + ')';
          ['pl', 'en'].forEach(function (l) { plist.appendChild(button(name + ', PDF (' + l.toUpperCase() + ')', base + '.pdf?lang=' + l + wamp, p.files[l])); });
          plist.appendChild(button(name + ', ' + T.programmeJson, base + '.json' + wq, p.files.pl.replace(/\.pdf$/, '.json')));
        });
      }).catch(function (e) { pbutton.disabled = false; if (e.message !== '401') notify(T.failed + e.message); });
    } }, [T.showProgrammes]);
    s.appendChild(pbutton);
    s.appendChild(plist);
  }

  var STATUS_COLOURS = ['#2e7d32', '#c25e00', '#9e9e9e'];
  function drawChart(canvas, p) {
    if (chart) chart.destroy();
    if (typeof Chart === 'undefined') return;
    var voivs = p.voivodeships;
    var series = [['answeredJst', T.answered], ['startedJst', T.started], ['notStartedJst', T.notStarted]];
    chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: voivs.map(function (v) { return voivLabel(v.voivodeship); }),
        datasets: series.map(function (x, i) { return { label: x[1], backgroundColor: STATUS_COLOURS[i], data: voivs.map(function (v) { return v[x[0]]; }) }; }),
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, ticks: { autoSkip: false, maxRotation: 60 } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'JST' } } },
        plugins: { legend: { position: 'bottom' } },
        font: { family: getComputedStyle(document.documentElement).getPropertyValue('--diag-font') },
      },
    });
  }

  // A sign-in link (`/admin#token=…`, as `npm start` prints it): the token goes to sessionStorage and leaves the
  // address bar at once. A fragment is never sent to the server, so the token reaches no log.
  var fromLink = /(?:^#|&)token=([A-Za-z0-9_-]{16,128})(?:&|$)/.exec(location.hash);
  if (fromLink) {
    sessionStorage.setItem(KEY, fromLink[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }

  if (token()) load();
  else form.hidden = false;
})();
