/* parscore serve: a little plain JavaScript (ES5 and fetch, for an old office browser).
   Saves a score or a task, undoes a change, seals and verifies, and polls the version of
   the dossier's files so that an edit made elsewhere is noticed; the year's other pages
   (documents, the council, the header, a new year, the rank, uploads) are in year.js. */
(function () {
  'use strict';
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }
  var csrf = meta('csrf-token');
  var dossier = meta('dossier');
  var version = meta('version');
  var en = meta('lang') === 'en';
  var api = dossier ? '/api/v1/dossiers/' + encodeURIComponent(dossier) : null;

  function words(vi, english) { return en ? english : vi; }

  /* The notice that the files changed elsewhere: fixed in view; «×» hides it until the
     next change is noticed. */
  var dismissed = null;
  function staleBanner(seen) {
    var b = document.getElementById('changed');
    if (!b || (seen && seen === dismissed)) { return; }
    if (!document.getElementById('close-changed')) {
      var close = document.createElement('button');
      close.type = 'button';
      close.id = 'close-changed';
      close.className = 'close';
      close.setAttribute('aria-label', words('Đóng thông báo', 'Close the notice'));
      close.textContent = '×';
      close.addEventListener('click', function () { b.hidden = true; dismissed = latest; });
      b.insertBefore(close, b.firstChild);
    }
    b.hidden = false;
  }
  var latest = null;

  /* The located problems of a refusal, one per line, as the CLI prints them. */
  function errorText(body) {
    var lines = [];
    var errors = (body && body.errors) || [];
    for (var i = 0; i < errors.length; i++) {
      var e = errors[i];
      var where = e.file || '';
      if (e.line) { where += ':' + e.line; }
      if (e.code) { where += ' [' + e.code + ']'; }
      /* A refusal about the page's version or body names no file a clerk knows. */
      if (e.file === 'If-Match' || e.file === 'body') { where = ''; }
      lines.push(where ? where + ': ' + e.message : e.message);
    }
    return lines.join('\n') || words('Không lưu được.', 'Not saved.');
  }

  /* The question a sealed dossier asks before a change: the server's sentence alone. */
  function sealedText(body) {
    var e = (body && body.errors && body.errors[0]) || {};
    return e.message || errorText(body);
  }

  /* Who makes the changes: a name asked once (a field in the top bar, never a dialog
     that would stop the page) and kept in this browser, written into the dossier's
     history.csv with every change. */
  function who() {
    var field = document.getElementById('who');
    var name = field ? field.value : '';
    if (!name) { try { name = localStorage.getItem('parscore-who') || ''; } catch (e) { name = ''; } }
    return name.replace(/^\s+|\s+$/g, '');
  }

  function setupWho() {
    var top = document.querySelector('header.top');
    if (!top || !dossier) { return; }
    var label = document.createElement('label');
    label.className = 'who';
    label.textContent = words('Người sửa: ', 'Your name: ');
    var field = document.createElement('input');
    field.type = 'text';
    field.id = 'who';
    field.maxLength = 80;
    field.placeholder = words('tên của bạn', 'your name');
    field.title = words('Tên của bạn, ghi vào lịch sử cùng mỗi thay đổi', 'Your name, recorded in the history with every change');
    try { field.value = localStorage.getItem('parscore-who') || ''; } catch (e) { field.value = ''; }
    field.addEventListener('change', function () {
      try { localStorage.setItem('parscore-who', field.value.replace(/^\s+|\s+$/g, '')); } catch (e) { /* private mode */ }
    });
    label.appendChild(field);
    top.insertBefore(label, top.querySelector('a.lang'));
    if (!field.value) { label.className = 'who ask'; }
  }

  function send(method, url, body, isForm) {
    var headers = { 'X-CSRF-Token': csrf };
    if (version) { headers['If-Match'] = version; }
    if (!isForm) {
      headers['Content-Type'] = 'application/json';
      if (body && typeof body === 'object' && !body.who) { body.who = who(); }
    } else if (body && body.has && !body.has('who')) {
      body.append('who', who());
    }
    return fetch(url + (en ? '?lang=en' : ''), {
      method: method, headers: headers, credentials: 'same-origin',
      body: isForm ? body : JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (t) {
        var parsed = null;
        try { parsed = JSON.parse(t); } catch (err) { parsed = null; }
        /* A change of ours is the new version: the page stays current without a reload. */
        if (r.status === 200 && r.headers.get('ETag')) { version = r.headers.get('ETag'); }
        return { status: r.status, body: parsed };
      });
    });
  }

  /* A change of a page outside the score sheet and the plan (a document, the header, the
     rank, the council's start, an upload): on a sealed dossier the server answers 409
     'sealed' first; the person is asked, and the change is sent again with the
     confirmation. The answer says whether it was declined or broke the seal. */
  function change(method, url, body, isForm) {
    return send(method, url, body, isForm).then(function (r) {
      if (r.status !== 409 || !r.body || r.body.reason !== 'sealed') { return r; }
      if (!window.confirm(sealedText(r.body))) { r.declined = true; return r; }
      if (isForm) { body.set('break_seal', 'true'); } else { body.break_seal = true; }
      return send(method, url, body, isForm).then(function (again) { again.brokeSeal = true; return again; });
    });
  }

  /* A change refused: the stale-page banner when the files changed elsewhere, and the
     message where the person looks. */
  function refused(r, el) {
    if (r.status === 409 && !r.declined && !(r.body && r.body.reason === 'sealed')) { staleBanner(); }
    messageIn(el, errorText(r.body));
  }

  /* A change the server could not make at once: a sealed dossier asks to confirm, a
     stale page shows the banner, and a row someone else changed shows both values. */
  function resolve(result, body, retry, showConflict) {
    var b = result.body || {};
    if (result.status !== 409) { return false; }
    if (b.reason === 'sealed') {
      if (window.confirm(sealedText(b))) { body.break_seal = true; retry(body); }
      return true;
    }
    if (b.reason === 'conflict' && showConflict) { staleBanner(); showConflict(b.conflict, b); return true; }
    staleBanner();
    return false;
  }

  function dateForInput(input, v) {
    var m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v || '');
    if (input && input.type === 'date' && m) {
      return m[3] + '-' + (m[2].length < 2 ? '0' : '') + m[2] + '-' + (m[1].length < 2 ? '0' : '') + m[1];
    }
    return v;
  }

  /* The conflict box in a row's message line: the other person's values and name, the
     person's own (still in the inputs), and the two choices. */
  var labels = {
    value: words('Kê khai', 'Declared'), note: words('Ghi chú', 'Note'),
    explanation: words('Giải trình', 'Explanation'),
    status: words('Tình trạng', 'Status'), done_on: words('Ngày hoàn thành', 'Done on')
  };

  function conflictBox(rowId, c, b, fields, keepMine, takeTheirs) {
    var row = document.getElementById('m-' + rowId);
    if (!row) { return; }
    var cell = row.cells[1];
    cell.textContent = '';
    var box = document.createElement('div');
    box.className = 'conflict';
    var by = c.by || words('ai đó (ngoài ứng dụng)', 'someone (outside the app)');
    var p = document.createElement('p');
    var at = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(c.at || '');
    var when = at ? ' ' + words('lúc ', 'at ') + at[4] + ' ' + at[3] + '/' + at[2] + '/' + at[1] : '';
    p.textContent = words('Dòng này vừa được ', 'This row was just changed by ') + by + words(' sửa', '') + when + words('. Giá trị của bạn chưa được ghi: chọn giữ giá trị nào.', '. Your value was not written: choose which to keep.');
    box.appendChild(p);
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      var line = document.createElement('div');
      line.className = 'both';
      line.textContent = (labels[f] || f) + ' — ' + words('của ', 'theirs (') + by + words(': «', '): «') + ((c.theirs || {})[f] || '') + words('» · của bạn: «', '» · yours: «') + ((c.yours || {})[f] || '') + '»';
      box.appendChild(line);
    }
    var choices = document.createElement('div');
    choices.className = 'choices';
    var mine = document.createElement('button');
    mine.type = 'button';
    mine.className = 'keep-mine primary';
    mine.textContent = words('Giữ giá trị của tôi', 'Keep mine');
    mine.addEventListener('click', function () { keepMine(c.theirs || {}); });
    var theirs = document.createElement('button');
    theirs.type = 'button';
    theirs.className = 'take-theirs';
    theirs.textContent = words('Lấy giá trị của ', 'Take the value of ') + by;
    theirs.addEventListener('click', function () { takeTheirs(c.theirs || {}); row.hidden = true; });
    choices.appendChild(mine);
    choices.appendChild(theirs);
    box.appendChild(choices);
    cell.appendChild(box);
    row.hidden = false;
  }

  /* Figures as the server writes them for machines ("89.06") shown as the pages show them:
     points without trailing zeros (89,06; 1; 0,5), indexes with two decimals (89,96). */
  function mark(s) { return en ? s : s.replace('.', ','); }
  function points(s) {
    if (s === null || s === undefined) { return ''; }
    s = String(s);
    if (s.indexOf('.') >= 0) { s = s.replace(/0+$/, '').replace(/\.$/, ''); }
    return mark(s);
  }
  function percent(s) { return (s === null || s === undefined) ? '' : mark(String(s)); }
  function domId(code) { return String(code).replace(/[^A-Za-z0-9]/g, '_'); }
  function setText(id, text) {
    var e = document.getElementById(id);
    if (e && text !== null && text !== undefined) { e.textContent = text; }
  }

  /* The score JSON of a save, written into the page where the figures are. */
  function showScore(score) {
    var t = score.total || {};
    setText('index', percent(t.index));
    setText('points', points(t.points !== undefined ? t.points : t.achieved) + ' / ' + points(t.max));
    if (t.at_risk !== undefined && t.at_risk !== null) { setText('at-risk', points(t.at_risk)); }
    if (t.strict !== undefined && t.strict !== null) { setText('strict', points(t.strict)); }
    if (t.appraised_index) {
      setText('appraised-index', percent(t.appraised_index));
      setText('appraised-points', points(t.appraised) + ' / ' + points(t.max));
    }
    if (score.unscored) { setText('unscored', String(score.unscored.length)); }
    var items = score.items || [];
    for (var i = 0; i < items.length; i++) {
      var n = items[i];
      var id = domId(n.code);
      setText('p-' + id, points(n.achieved) + ' / ' + points(n.max));
      var risk = document.getElementById('r-' + id);
      if (risk && n.at_risk !== undefined && n.at_risk !== null) {
        risk.textContent = Number(n.at_risk) === 0 ? '' : points(n.at_risk);
      }
    }
    var areas = score.areas || [];
    for (var j = 0; j < areas.length; j++) {
      var a = areas[j];
      setText('a-' + domId(a.code), points(a.achieved) + ' / ' + points(a.max));
      var ar = document.getElementById('ar-' + domId(a.code));
      if (ar && a.at_risk !== undefined && a.at_risk !== null) {
        ar.textContent = Number(a.at_risk) === 0 ? '' : words('nguy cơ trừ ', 'at risk ') + points(a.at_risk);
      }
    }
  }

  var flashTimer = null;
  function flash(text) {
    var f = document.getElementById('flash');
    if (!f) { return; }
    f.textContent = text;
    f.hidden = false;
    if (flashTimer) { clearTimeout(flashTimer); }
    flashTimer = setTimeout(function () { f.hidden = true; }, 6000);
  }

  function savedRow(id, text) {
    var row = document.getElementById('m-' + id);
    if (!row) { return; }
    row.hidden = false;
    row.className = 'msg ok';
    row.cells[1].textContent = text;
  }

  function afterSave(message) {
    try { sessionStorage.setItem('parscore-flash', message); } catch (e) { /* private mode */ }
    location.reload();
  }

  function showFlash() {
    var text = null;
    try { text = sessionStorage.getItem('parscore-flash'); sessionStorage.removeItem('parscore-flash'); } catch (e) { text = null; }
    var f = document.getElementById('flash');
    if (text && f) { f.textContent = text; f.hidden = false; }
  }

  function showRowMessage(id, text) {
    var row = document.getElementById('m-' + id);
    if (!row) { return; }
    row.hidden = !text;
    row.className = 'msg';
    row.cells[1].textContent = text || '';
  }

  function handle(result, rowId, okMessage) {
    if (result.status === 200) { afterSave(okMessage); return; }
    if (result.status === 409) { staleBanner(); }
    showRowMessage(rowId, errorText(result.body));
  }

  /* The row's cells as the page showed them; a leaf computed from plan.csv has only its
     explanation to save. */
  function scoreBase(form) {
    var base = { explanation: form.getAttribute('data-explanation') || '' };
    if (!form.getAttribute('data-plan')) {
      base.value = form.getAttribute('data-value') || '';
      base.note = form.getAttribute('data-note') || '';
    }
    return base;
  }

  function onScoreSubmit(ev) {
    ev.preventDefault();
    var form = ev.target;
    var code = form.getAttribute('data-code');
    var id = form.id.substring(2);
    var input = document.getElementById('v-' + id);
    var na = document.getElementById('na-' + id);
    var note = document.getElementById('n-' + id);
    var explain = document.getElementById('x-' + id);
    var plan = !!form.getAttribute('data-plan');
    var value = na && na.checked ? 'Không áp dụng' : (input ? input.value : '');
    if (na && na.checked && note && !note.value.trim()) {
      showRowMessage(id, words('«Không áp dụng» cần ghi chú lý do.', '«Not applicable» needs a note saying why.'));
      note.focus();
      return;
    }
    var base = scoreBase(form);
    function go(body) {
      send('PUT', api + '/scores/' + encodeURIComponent(code), body).then(function (r) {
        if (resolve(r, body, go, function (c) {
          conflictBox(id, c, r.body, plan ? ['explanation'] : ['value', 'note', 'explanation'], function (theirs) {
            var again = cellsOf();
            again.base = theirs;
            again.break_seal = body.break_seal;
            go(again);
          }, function (theirs) {
            if (input) { input.value = dateForInput(input, theirs.value); }
            if (note) { note.value = theirs.note || ''; }
            if (explain) { explain.value = theirs.explanation || ''; }
            if (na) { na.checked = /^không áp dụng$/i.test(theirs.value || ''); }
            form.setAttribute('data-value', theirs.value || '');
            form.setAttribute('data-note', theirs.note || '');
            form.setAttribute('data-explanation', theirs.explanation || '');
          });
        })) { return; }
        if (r.status !== 200) { handle(r, id, ''); return; }
        if (body.break_seal) {
          /* The seal was broken: the page reloads so that every notice says so. */
          afterSave(words('Đã lưu ', 'Saved ') + code + words(' vào scores.csv; niêm phong đã bị phá.', ' to scores.csv; the seal is broken.'));
          return;
        }
        /* The page stays without a reload: what it shows is now the row's base. */
        if (!plan) {
          form.setAttribute('data-value', body.value || '');
          form.setAttribute('data-note', body.note || '');
        }
        form.setAttribute('data-explanation', body.explanation || '');
        showScore(r.body || {});
        var total = (r.body && r.body.total) || {};
        var text = words('Đã lưu ', 'Saved ') + code + words(' vào scores.csv. Chỉ số: ', ' to scores.csv. Index: ') + percent(total.index) +
          words(', tổng điểm ', ', points ') + points(total.points !== undefined ? total.points : total.achieved) + ' / ' + points(total.max) + '.';
        savedRow(id, text);
        flash(text);
      });
    }
    /* The cells to save: the explanation always, the value and the note where typed. */
    function cellsOf() {
      var cells = { explanation: explain ? explain.value : '' };
      if (!plan) { cells.value = value; cells.note = note ? note.value : ''; }
      return cells;
    }
    var first = cellsOf();
    first.base = base;
    go(first);
  }

  function onTaskSubmit(ev) {
    ev.preventDefault();
    var form = ev.target;
    var task = form.getAttribute('data-task');
    var id = form.id.substring(2);
    var status = document.getElementById('s-' + id);
    var done = document.getElementById('d-' + id);
    var base = { status: form.getAttribute('data-status') || '', done_on: form.getAttribute('data-done') || '' };
    function go(body) {
      send('PUT', api + '/plan/' + encodeURIComponent(task), body).then(function (r) {
        if (resolve(r, body, go, function (c) {
          conflictBox(form.id, c, r.body, ['status', 'done_on'], function (theirs) {
            go({ status: body.status, done_on: body.done_on, base: theirs, break_seal: body.break_seal });
          }, function (theirs) {
            status.value = theirs.status || '';
            done.value = dateForInput(done, theirs.done_on);
            form.setAttribute('data-status', theirs.status || '');
            form.setAttribute('data-done', theirs.done_on || '');
          });
        })) { return; }
        if (r.status !== 200) { handle(r, form.id, ''); return; }
        if (body.break_seal) {
          afterSave(words('Đã lưu nhiệm vụ ', 'Saved task ') + task + words('; niêm phong đã bị phá.', '; the seal is broken.'));
          return;
        }
        form.setAttribute('data-status', body.status || '');
        form.setAttribute('data-done', body.done_on || '');
        var b = r.body || {};
        if (b.completion) { setText('completion', b.completion); }
        if (b.index) { setText('index', b.index); }
        var warn = document.getElementById('w-' + form.id);
        if (warn) {
          var list = b.warnings || [];
          warn.hidden = list.length === 0;
          warn.cells[1].textContent = '';
          for (var i = 0; i < list.length; i++) {
            var line = document.createElement('div');
            line.textContent = '⚠ ' + list[i];
            warn.cells[1].appendChild(line);
          }
        }
        var text = words('Đã lưu nhiệm vụ ', 'Saved task ') + task + words('. Hoàn thành nhiệm vụ đến hạn: ', '. Due tasks done: ') + (b.completion || '—') +
          words('; chỉ số: ', '; index: ') + (b.index || '—') + '.';
        savedRow(form.id, text);
        flash(text);
      });
    }
    go({ status: status.value, done_on: done.value, base: base });
  }

  /* The history page's «Hoàn tác» (undo) buttons, and a link to each leaf's history. */
  function setupHistory() {
    var buttons = document.querySelectorAll('button.undo');
    var msg = document.getElementById('undo-msg');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (e) {
        var n = e.target.getAttribute('data-change');
        function go(body) {
          send('POST', api + '/history/' + encodeURIComponent(n) + '/undo', body).then(function (r) {
            if (r.status === 200) { afterSave(words('Đã hoàn tác thay đổi #', 'Undid change #') + n + '.'); return; }
            if (resolve(r, body, go, null)) { return; }
            if (msg) { msg.textContent = errorText(r.body); }
          });
        }
        go({});
      });
    }
    if (!dossier) { return; }
    var forms = document.querySelectorAll('form.leaf');
    for (var j = 0; j < forms.length; j++) {
      var a = document.createElement('a');
      a.className = 'history-link';
      a.href = '/d/' + encodeURIComponent(dossier) + '/history?file=scores.csv&key=' + encodeURIComponent(forms[j].getAttribute('data-code'));
      a.textContent = words('Lịch sử', 'History');
      forms[j].parentNode.appendChild(a);
    }
  }

  function setupSeal() {
    var out = document.getElementById('seal-result');
    function run(which) {
      /* Sealing closes the dossier for submission: what the two tables above still show
         is asked about first. */
      if (which === 'seal') {
        var missing = document.querySelectorAll('#missing tbody tr').length;
        var doubtful = document.querySelectorAll('#doubtful tbody tr').length;
        if ((missing || doubtful) && !window.confirm(words(
          'Còn ' + missing + ' tiêu chí thiếu tài liệu và ' + doubtful + ' văn bản đáng ngờ (xem hai bảng «Còn thiếu» và «Văn bản đáng ngờ»). Niêm phong là chốt hồ sơ để nộp. Vẫn niêm phong?',
          missing + ' criteria still lack evidence and ' + doubtful + ' documents are doubtful (see «Missing» and «Doubtful documents»). Sealing closes the dossier for submission. Seal anyway?'))) {
          out.hidden = false;
          out.textContent = words('Chưa niêm phong.', 'Not sealed.');
          return;
        }
      }
      out.hidden = false;
      out.textContent = words('Đang chạy…', 'Running…');
      send('POST', api + '/' + which, which === 'seal' ? { who: who() } : {}).then(function (r) {
        out.textContent = r.body ? (r.body.text || errorText(r.body)) : String(r.status);
        if (r.body && r.body.etag) { version = r.body.etag; }
      });
    }
    var seal = document.getElementById('seal');
    var verify = document.getElementById('verify');
    if (seal) { seal.addEventListener('click', function () { run('seal'); }); }
    if (verify) { verify.addEventListener('click', function () { run('verify'); }); }
  }

  function poll() {
    if (!api || !version) { return; }
    fetch(api + '/version', { credentials: 'same-origin' }).then(function (r) { return r.json(); })
      .then(function (v) { latest = v.etag; if (v.etag && v.etag !== version) { staleBanner(v.etag); } })
      .catch(function () { /* the server stopped: nothing to offer */ });
  }

  /* A date picker shows dates in the computer's own format (often mm/dd/yyyy); the date
     is also written under it as a Vietnamese reader and scores.csv write it, 15/01/2026. */
  function setupDates() {
    var inputs = document.querySelectorAll('input[type=date]');
    for (var i = 0; i < inputs.length; i++) {
      (function (input) {
        var hint = document.createElement('span');
        hint.className = 'vn-date';
        input.parentNode.insertBefore(hint, input.nextSibling);
        function show() {
          var p = input.value.split('-');
          hint.textContent = p.length === 3 ? p[2] + '/' + p[1] + '/' + p[0] : '';
        }
        input.addEventListener('change', show);
        show();
      })(inputs[i]);
    }
  }

  /* What the year's other pages (year.js) share with these: the dossier, the words, and
     the one way to send a change. */
  window.parscore = {
    api: api, dossier: dossier, words: words, who: who, send: send, change: change,
    refused: refused, resolve: resolve, handle: handle, errorText: errorText,
    staleBanner: staleBanner, afterSave: afterSave, flash: flash, showScore: showScore,
    savedRow: savedRow, percent: percent
  };

  document.addEventListener('DOMContentLoaded', function () {
    showFlash();
    setupWho();
    setupDates();
    var forms = document.querySelectorAll('form.leaf');
    for (var i = 0; i < forms.length; i++) { forms[i].addEventListener('submit', onScoreSubmit); }
    var tasks = document.querySelectorAll('form.task');
    for (var j = 0; j < tasks.length; j++) { tasks[j].addEventListener('submit', onTaskSubmit); }
    var reload = document.getElementById('reload');
    if (reload) { reload.addEventListener('click', function () { location.reload(); }); }
    var print = document.getElementById('print');
    if (print) { print.addEventListener('click', function () { window.print(); }); }
    setupSeal();
    setupHistory();
    setInterval(poll, 3000);
  });
})();
