/*
 * The admin dashboard (served as is, no bundler; chart.js from /assets/vendor). The admin token is asked for once
 * and kept in sessionStorage; every call sends it as a bearer token; files are downloaded with fetch and a blob
 * link, so the token never appears in a URL. Every value is written with textContent: nothing from the data is
 * ever parsed as HTML. No small cell is shown: the API already hides counts under the threshold (null), and they
 * are drawn here as "—" with the reason, and left out of the chart.
 */
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('diag-config').textContent);
  var lang = cfg.lang;
  var T = {
    pl: {
      signOut: 'Wyloguj', badToken: 'Nieprawidłowy token.', failed: 'Nie udało się pobrać danych: ', responses: 'Odpowiedzi w bazie',
      waves: 'Edycje badania', wave: 'Edycja', status: 'Status', open: 'otwarta', closed: 'zamknięta', invitations: 'Zaproszenia (JST)', slots: 'Miejsca',
      show: 'Pokaż postęp', progress: 'Postęp edycji', segment: 'Segment', voivodeship: 'Województwo', invited: 'Zaproszone JST', responding: 'JST z odpowiedziami',
      respondents: 'Respondenci', rate: 'JST z odpowiedzią', nothingToShow: 'Na razie nie ma czego pokazać: każda liczba jest poniżej progu {n} respondentów.', total: 'Razem', all: 'wszystkie', hidden: 'ukryte', chartTitle: 'Odsetek zaproszonych JST, które odpowiedziały, według województwa',
      quality: 'Jakość danych', flag: 'Flaga', count: 'Respondenci', excluded: 'Wykluczeni z analizy', median: 'Mediana czasu wypełniania',
      flags: { duplicate: 'duplikat', straightlining: 'te same odpowiedzi w całej matrycy', speeding: 'zbyt szybkie wypełnienie', incomplete: 'niekompletne' },
      downloads: 'Pobieranie', csvRaw: 'CSV (kody)', csvLabelled: 'CSV (etykiety)', results: 'Wyniki analizy (results.json)', report: 'Raport PDF', noReports: 'Raporty PDF nie są dostępne na tym serwerze.',
      programmes: 'Programy szkoleniowo-doradcze', showProgrammes: 'Pokaż programy do pobrania', programmeJson: 'JSON',
      noWaves: 'Brak edycji badania. Edycję tworzy polecenie diag wave create.', suppressedNote: 'Liczby mniejsze niż {n} respondentów są ukryte (—), podobnie jak liczby, z których dałoby się je odtworzyć.',
      minutes: 'min', loading: 'Wczytywanie…',
    },
    en: {
      signOut: 'Sign out', badToken: 'Invalid token.', failed: 'Could not load data: ', responses: 'Responses stored',
      waves: 'Survey waves', wave: 'Wave', status: 'Status', open: 'open', closed: 'closed', invitations: 'Invitations (JSTs)', slots: 'Slots',
      show: 'Show progress', progress: 'Wave progress', segment: 'Segment', voivodeship: 'Voivodeship', invited: 'Invited JSTs', responding: 'Responding JSTs',
      respondents: 'Respondents', rate: 'JSTs responding', nothingToShow: 'Nothing to show yet: every count is under the threshold of {n} respondents.', total: 'Total', all: 'all', hidden: 'hidden', chartTitle: 'Share of invited JSTs that responded, by voivodeship',
      quality: 'Data quality', flag: 'Flag', count: 'Respondents', excluded: 'Excluded from the analysis', median: 'Median completion time',
      flags: { duplicate: 'duplicate', straightlining: 'straight-lining', speeding: 'speeding', incomplete: 'incomplete' },
      downloads: 'Downloads', csvRaw: 'CSV (codes)', csvLabelled: 'CSV (labels)', results: 'Analysis results (results.json)', report: 'PDF report', noReports: 'PDF reports are not available on this server.',
      programmes: 'Training and advisory programmes', showProgrammes: 'Show the programmes to download', programmeJson: 'JSON',
      noWaves: 'No survey wave yet. Create one with diag wave create.', suppressedNote: 'Counts under {n} respondents are hidden (—), and so are counts from which they could be worked out.',
      minutes: 'min', loading: 'Loading…',
    },
  }[lang];
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
  function call(path) {
    return fetch(path, { headers: { authorization: 'Bearer ' + token() } }).then(function (r) {
      if (r.status === 401) { signOut(T.badToken); throw new Error('401'); }
      return r;
    });
  }
  function json(path) {
    return call(path).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.message ? body.message : 'HTTP ' + r.status);
        return body;
      });
    });
  }
  function download(path, name) {
    return call(path).then(function (r) {
      if (!r.ok) return r.json().then(function (b) { throw new Error(b.message); });
      return r.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = el('a', { href: url, download: name });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      });
    }).catch(function (e) { if (e.message !== '401') notify(T.failed + e.message); });
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
  function countCell(v, reason, kind) {
    return v === null ? el('td', { class: 'num suppressed ' + (kind || ''), title: reason || T.hidden }, [el('span', { 'aria-hidden': 'true' }, ['—']), el('span', { class: 'visually-hidden' }, [T.hidden])]) : el('td', { class: 'num ' + (kind || '') }, [String(v)]);
  }

  function load() {
    form.hidden = true;
    root.hidden = false;
    root.textContent = T.loading;
    Promise.all([json('/api/admin/overview'), json('/api/admin/waves'), json('/api/admin/quality')]).then(function (r) {
      state.overview = r[0];
      render(r[0], r[1].waves, r[2]);
    }).catch(function (e) { if (e.message !== '401') root.textContent = T.failed + e.message; });
  }

  function render(overview, waves, quality) {
    root.textContent = '';
    root.appendChild(el('p', { id: 'dash-status', class: 'error', role: 'alert' }));
    root.appendChild(el('div', { class: 'toolbar' }, [
      el('p', { class: 'big-number' }, [T.responses + ': ', el('strong', {}, [String(overview.responses)])]),
      el('button', { type: 'button', class: 'button button--secondary', onclick: function () { signOut(''); } }, [T.signOut]),
    ]));
    // waves
    root.appendChild(el('h2', {}, [T.waves]));
    if (!waves.length) root.appendChild(el('p', {}, [T.noWaves]));
    else {
      var rows = waves.map(function (w) {
        return el('tr', {}, [
          el('th', { scope: 'row' }, [w.name]), el('td', {}, [w.status === 'open' ? T.open : T.closed]), el('td', { class: 'num' }, [String(w.invitations)]),
          el('td', { class: 'num' }, [String(w.slots)]), el('td', { class: 'num' }, [String(w.responses)]),
          el('td', {}, [el('button', { type: 'button', class: 'button button--small', 'data-wave': w.name, onclick: function () { showWave(w.name); } }, [T.show])]),
        ]);
      });
      root.appendChild(table([T.wave, T.status, T.invitations, T.slots, T.responses, ''], rows, 'waves', [2, 3, 4]));
    }
    root.appendChild(el('section', { id: 'progress', 'aria-live': 'polite' }));
    // quality
    root.appendChild(el('h2', {}, [T.quality]));
    var qrows = Object.keys(quality.flags).map(function (f) { return el('tr', {}, [el('th', { scope: 'row' }, [T.flags[f] || f]), el('td', { class: 'num' }, [String(quality.flags[f])])]); });
    qrows.push(el('tr', {}, [el('th', { scope: 'row' }, [T.excluded]), el('td', { class: 'num' }, [String(quality.excluded)])]));
    if (quality.medianDurationSec !== null) qrows.push(el('tr', {}, [el('th', { scope: 'row' }, [T.median]), el('td', { class: 'num' }, [Math.round(quality.medianDurationSec / 60) + ' ' + T.minutes])]));
    root.appendChild(table([T.flag, T.count], qrows, 'quality', [1]));
    // downloads
    root.appendChild(el('h2', {}, [T.downloads]));
    var links = el('ul', { class: 'downloads' }, [
      el('li', {}, [el('button', { type: 'button', class: 'button button--secondary', onclick: function () { download('/api/admin/export?format=raw', 'responses-all.csv'); } }, [T.csvRaw])]),
      el('li', {}, [el('button', { type: 'button', class: 'button button--secondary', onclick: function () { download('/api/admin/export?format=labelled', 'responses-all-labelled.csv'); } }, [T.csvLabelled])]),
      el('li', {}, [el('button', { type: 'button', class: 'button button--secondary', onclick: function () { download('/api/admin/results', 'results.json'); } }, [T.results])]),
    ]);
    if (overview.reports) {
      overview.segments.forEach(function (s) {
        ['pl', 'en'].forEach(function (l) {
          links.appendChild(el('li', {}, [el('button', { type: 'button', class: 'button button--secondary', onclick: function () { download('/api/admin/reports/' + encodeURIComponent(s.code) + '.pdf?lang=' + l, 'raport-' + s.code + '-' + l + '.pdf'); } }, [T.report + ': ' + s.label[lang] + ' (' + l.toUpperCase() + ')'])]));
        });
      });
    }
    root.appendChild(links);
    if (!overview.reports) root.appendChild(el('p', { class: 'hint' }, [T.noReports]));
    // programmes: listed on request (building them needs the analysis of every response)
    root.appendChild(el('h3', {}, [T.programmes]));
    var plist = el('ul', { class: 'downloads', id: 'programmes' });
    var pbutton = el('button', { type: 'button', class: 'button button--secondary', onclick: function () {
      pbutton.disabled = true;
      json('/api/admin/programmes').then(function (body) {
        pbutton.remove();
        body.programmes.forEach(function (p) {
          var base = '/api/admin/programmes/' + encodeURIComponent(p.code);
          var name = p.title[lang] + ' (' + p.code + ')';
          ['pl', 'en'].forEach(function (l) {
            plist.appendChild(el('li', {}, [el('button', { type: 'button', class: 'button button--secondary', onclick: function () { download(base + '.pdf?lang=' + l, p.files[l]); } }, [name + ', PDF (' + l.toUpperCase() + ')'])]));
          });
          plist.appendChild(el('li', {}, [el('button', { type: 'button', class: 'button button--secondary', onclick: function () { download(base + '.json', p.files.pl.replace(/\.pdf$/, '.json')); } }, [name + ', ' + T.programmeJson])]));
        });
      }).catch(function (e) { pbutton.disabled = false; if (e.message !== '401') notify(T.failed + e.message); });
    } }, [T.showProgrammes]);
    root.appendChild(pbutton);
    root.appendChild(plist);
    if (waves.length) showWave(waves[waves.length - 1].name);
  }

  function table(headers, rows, id, numeric) {
    return el('div', { class: 'table-wrap' }, [el('table', { class: 'data', id: id }, [
      el('thead', {}, [el('tr', {}, headers.map(function (h, i) { return el('th', { scope: 'col', class: numeric && numeric.indexOf(i) >= 0 ? 'num' : null }, [h]); }))]),
      el('tbody', {}, rows),
    ])]);
  }

  function showWave(name) {
    state.wave = name;
    json('/api/admin/waves/' + encodeURIComponent(name) + '/progress').then(function (p) {
      var section = document.getElementById('progress');
      section.textContent = '';
      section.appendChild(el('h2', {}, [T.progress + ': ' + p.wave]));
      section.appendChild(el('p', { class: 'hint' }, [T.suppressedNote.replace('{n}', String(p.suppressionThreshold))]));
      var canvas = el('canvas', { id: 'progress-chart', role: 'img', 'aria-label': T.chartTitle });
      var shown = p.cells.some(function (c) { return c.responseRate !== null && c.responseRate > 0; });
      section.appendChild(el('figure', { class: 'chart' }, [
        el('figcaption', {}, [T.chartTitle]),
        shown ? el('div', { class: 'chart__box' }, [canvas]) : el('p', { class: 'hint' }, [T.nothingToShow.replace('{n}', String(p.suppressionThreshold))]),
      ]));
      section.appendChild(progressTable(p));
      if (shown) drawChart(canvas, p);
    }).catch(function (e) { if (e.message !== '401') document.getElementById('progress').textContent = T.failed + e.message; });
  }

  /** Voivodeships down, segments across: respondents and the JST response rate (responding / invited JSTs). */
  function progressTable(p) {
    var segments = p.segments.map(function (s) { return s.segment; });
    var find = function (s, v) {
      if (s === 'all' && v === 'all') return Object.assign({ suppressed: null }, p.total);
      if (s === 'all') return p.voivodeships.filter(function (x) { return x.voivodeship === v; })[0];
      if (v === 'all') return p.segments.filter(function (x) { return x.segment === s; })[0];
      return p.cells.filter(function (x) { return x.segment === s && x.voivodeship === v; })[0];
    };
    var cellsOf = function (c) {
      var rate = c.responseRate === null ? ['—'] : [fmtRate(c.responseRate), el('span', { class: 'frac' }, [c.respondingJst + ' / ' + c.invitedJst])];
      return [countCell(c.respondents, c.suppressed, 'respondents'), el('td', { class: 'num rate' }, rate)];
    };
    var head1 = el('tr', {}, [el('th', { scope: 'col', rowspan: '2' }, [T.voivodeship])].concat(segments.concat(['all']).map(function (s) {
      return el('th', { scope: 'colgroup', colspan: '2', class: 'group' }, [s === 'all' ? T.total : segmentLabel(s)]);
    })));
    var head2 = el('tr', {}, [].concat.apply([], segments.concat(['all']).map(function () {
      return [el('th', { scope: 'col', class: 'num' }, [T.respondents]), el('th', { scope: 'col', class: 'num' }, [T.rate])];
    })));
    var rows = p.voivodeships.map(function (v) { return v.voivodeship; }).concat(['all']).map(function (v) {
      return el('tr', { class: v === 'all' ? 'margin total' : null }, [el('th', { scope: 'row' }, [v === 'all' ? T.total : voivLabel(v)])].concat([].concat.apply([], segments.concat(['all']).map(function (s) { return cellsOf(find(s, v)); }))));
    });
    return el('div', { class: 'table-wrap' }, [el('table', { class: 'data', id: 'progress-table' }, [el('thead', {}, [head1, head2]), el('tbody', {}, rows)])]);
  }

  var COLOURS = ['#0b57a4', '#c25e00', '#2e7d32', '#6a1b9a', '#00838f'];
  function drawChart(canvas, p) {
    if (chart) chart.destroy();
    if (typeof Chart === 'undefined') return;
    var voivs = p.voivodeships.map(function (v) { return v.voivodeship; });
    var segments = p.segments.map(function (s) { return s.segment; });
    var datasets = segments.map(function (s, i) {
      return {
        label: segmentLabel(s),
        backgroundColor: COLOURS[i % COLOURS.length],
        data: voivs.map(function (v) {
          var c = p.cells.filter(function (x) { return x.segment === s && x.voivodeship === v; })[0];
          return c && c.responseRate !== null ? Math.round(c.responseRate * 1000) / 10 : null;
        }),
      };
    });
    chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: voivs.map(voivLabel), datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } }, x: { ticks: { autoSkip: false, maxRotation: 60 } } },
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
