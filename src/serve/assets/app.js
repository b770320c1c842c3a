/* parscore serve: a little plain JavaScript (ES5 and fetch, for an old office browser).
   Saves a score or a task, uploads a document, seals and verifies, and polls the version of
   the dossier's files so that an edit made elsewhere is noticed. */
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
      lines.push(where + ': ' + e.message);
    }
    return lines.join('\n') || words('Không lưu được.', 'Not saved.');
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
    field.placeholder = words('tên của bạn (ghi vào lịch sử)', 'your name (for the history)');
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
    }
    return fetch(url + (en ? '?lang=en' : ''), {
      method: method, headers: headers, credentials: 'same-origin',
      body: isForm ? body : JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (t) {
        var parsed = null;
        try { parsed = JSON.parse(t); } catch (err) { parsed = null; }
        return { status: r.status, body: parsed };
      });
    });
  }

  /* A change the server could not make at once: a sealed dossier asks to confirm, a
     stale page shows the banner, and a row someone else changed shows both values. */
  function resolve(result, body, retry, showConflict) {
    var b = result.body || {};
    if (result.status !== 409) { return false; }
    if (b.reason === 'sealed') {
      if (window.confirm(errorText(b))) { body.break_seal = true; retry(body); }
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
    row.cells[1].textContent = text || '';
  }

  function handle(result, rowId, okMessage) {
    if (result.status === 200) { afterSave(okMessage); return; }
    if (result.status === 409) { staleBanner(); }
    showRowMessage(rowId, errorText(result.body));
  }

  function scoreBase(form) {
    return { value: form.getAttribute('data-value') || '', note: form.getAttribute('data-note') || '' };
  }

  function onScoreSubmit(ev) {
    ev.preventDefault();
    var form = ev.target;
    var code = form.getAttribute('data-code');
    var id = form.id.substring(2);
    var input = document.getElementById('v-' + id);
    var na = document.getElementById('na-' + id);
    var note = document.getElementById('n-' + id);
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
          conflictBox(id, c, r.body, ['value', 'note'], function (theirs) {
            go({ value: body.value, note: body.note, base: theirs, break_seal: body.break_seal });
          }, function (theirs) {
            if (input) { input.value = dateForInput(input, theirs.value); }
            if (note) { note.value = theirs.note || ''; }
            if (na) { na.checked = /^không áp dụng$/i.test(theirs.value || ''); }
            form.setAttribute('data-value', theirs.value || '');
            form.setAttribute('data-note', theirs.note || '');
          });
        })) { return; }
        handle(r, id, words('Đã lưu ', 'Saved ') + code + words(' vào scores.csv.', ' to scores.csv.'));
      });
    }
    go({ value: value, note: note ? note.value : '', base: base });
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
        handle(r, form.id, words('Đã lưu nhiệm vụ ', 'Saved task ') + task + '.');
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

  function setupUpload() {
    var form = document.getElementById('upload');
    if (!form) { return; }
    var drop = document.getElementById('drop');
    var file = document.getElementById('file');
    var msg = document.getElementById('upload-msg');
    drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.className = 'drop over'; });
    drop.addEventListener('dragleave', function () { drop.className = 'drop'; });
    drop.addEventListener('drop', function (e) {
      e.preventDefault();
      drop.className = 'drop';
      if (e.dataTransfer && e.dataTransfer.files.length) {
        try { file.files = e.dataTransfer.files; } catch (err) { msg.textContent = words('Trình duyệt này không nhận kéo thả; hãy chọn tệp.', 'This browser cannot take a dropped file; choose it instead.'); }
      }
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      msg.className = '';
      msg.textContent = words('Đang tải lên…', 'Uploading…');
      var data = new FormData(form);
      data.append('who', who());
      send('POST', api + '/documents', data, true).then(function (r) {
        if (r.status === 200) {
          afterSave(words('Đã thêm ', 'Added ') + r.body.id + ' (' + r.body.file + words(') vào manifest.csv.', ') to manifest.csv.'));
          return;
        }
        if (r.status === 409) { staleBanner(); }
        msg.textContent = errorText(r.body);
      });
    });
  }

  function setupSeal() {
    var out = document.getElementById('seal-result');
    function run(which) {
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
    setupUpload();
    setupSeal();
    setupHistory();
    setInterval(poll, 3000);
  });
})();
