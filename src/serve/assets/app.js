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

  function staleBanner() {
    var b = document.getElementById('changed');
    if (b) { b.hidden = false; }
  }

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

  function send(method, url, body, isForm) {
    var headers = { 'X-CSRF-Token': csrf };
    if (version) { headers['If-Match'] = version; }
    if (!isForm) { headers['Content-Type'] = 'application/json'; }
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
    send('PUT', api + '/scores/' + encodeURIComponent(code), { value: value, note: note ? note.value : '' })
      .then(function (r) { handle(r, id, words('Đã lưu ', 'Saved ') + code + words(' vào scores.csv.', ' to scores.csv.')); });
  }

  function onTaskSubmit(ev) {
    ev.preventDefault();
    var form = ev.target;
    var task = form.getAttribute('data-task');
    var id = form.id.substring(2);
    var status = document.getElementById('s-' + id);
    var done = document.getElementById('d-' + id);
    send('PUT', api + '/plan/' + encodeURIComponent(task), { status: status.value, done_on: done.value })
      .then(function (r) { handle(r, form.id, words('Đã lưu nhiệm vụ ', 'Saved task ') + task + '.'); });
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
      send('POST', api + '/documents', new FormData(form), true).then(function (r) {
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
      send('POST', api + '/' + which, {}).then(function (r) {
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
      .then(function (v) { if (v.etag && v.etag !== version) { staleBanner(); } })
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
    setInterval(poll, 3000);
  });
})();
