/* parscore serve, the "import the annex" page: sends the chosen table (and the corrections
   typed in the rows the import was unsure of) to the import API, draws the per-row account
   it answers, and saves it as the dossier's criteria file. Plain ES5; text from the files is
   set with textContent, never as HTML. */
(function () {
  'use strict';
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }
  var form = document.getElementById('import-form');
  if (!form) { return; }
  var en = meta('lang') === 'en';
  var api = '/api/v1/dossiers/' + encodeURIComponent(meta('dossier')) + '/import';
  var file = document.getElementById('import-file');
  var msg = document.getElementById('import-msg');
  var problems = document.getElementById('import-problems');
  var result = document.getElementById('import-result');
  var tbody = document.querySelector('#import-rows tbody');
  function words(vi, english) { return en ? english : vi; }

  function cell(tr, text) {
    var td = document.createElement('td');
    td.textContent = text || '';
    tr.appendChild(td);
    return td;
  }

  /* The corrections typed in the rows, { line, max, wording } where either changed; kept
     across readings, since a corrected row that now reads exactly has no field any more. */
  var kept = {};
  function fixes() {
    var rows = tbody.querySelectorAll('tr[data-line]');
    for (var i = 0; i < rows.length; i++) {
      var line = rows[i].getAttribute('data-line');
      var max = rows[i].querySelector('input.fix-max');
      var text = rows[i].querySelector('textarea.fix-wording');
      var f = kept[line] || { line: parseInt(line, 10) };
      if (max && max.value !== max.defaultValue) { f.max = max.value; kept[line] = f; }
      if (text && text.value !== text.defaultValue) { f.wording = text.value; kept[line] = f; }
    }
    var out = [];
    for (var k in kept) { if (kept.hasOwnProperty(k)) { out.push(kept[k]); } }
    return out;
  }

  function post(url, breakSeal) {
    var data = new FormData();
    if (breakSeal) { data.append('break_seal', 'true'); }
    data.append('file', file.files[0]);
    data.append('fixes', JSON.stringify(fixes()));
    data.append('name', document.getElementById('import-name').value);
    data.append('point', document.getElementById('import-point').checked ? '1' : '');
    var who = '';
    try { who = localStorage.getItem('parscore-who') || ''; } catch (e) { who = ''; }
    data.append('who', who);
    var headers = { 'X-CSRF-Token': meta('csrf-token') };
    var version = meta('version');
    if (version) { headers['If-Match'] = version; }
    return fetch(url + (en ? '?lang=en' : ''), { method: 'POST', headers: headers, credentials: 'same-origin', body: data })
      .then(function (r) {
        return r.text().then(function (t) {
          var body = null;
          try { body = JSON.parse(t); } catch (e) { body = null; }
          return { status: r.status, body: body };
        });
      });
  }

  function showProblems(list) {
    problems.textContent = '';
    problems.hidden = !list || !list.length;
    for (var i = 0; list && i < list.length; i++) {
      var p = list[i];
      var li = document.createElement('li');
      var where = p.sheet ? p.sheet + '!' + p.cell : (p.line ? words('dòng ', 'line ') + p.line : '');
      li.textContent = (where ? where + ': ' : '') + (p.code ? '[' + p.code + '] ' : '') + p.message;
      li.className = p.severity === 'error' ? 'error' : 'warning';
      problems.appendChild(li);
    }
  }

  function render(body) {
    tbody.textContent = '';
    var unsure = 0;
    for (var i = 0; i < body.rows.length; i++) {
      var r = body.rows[i];
      var tr = document.createElement('tr');
      tr.className = 'import-' + r.status;
      cell(tr, r.place);
      cell(tr, r.code);
      cell(tr, r.name);
      var max = cell(tr, r.unsure && r.code ? '' : r.max);
      cell(tr, r.status_words);
      var rule = cell(tr, r.unsure && r.code ? '' : r.rule);
      cell(tr, r.why);
      if (r.unsure && r.code) {
        unsure++;
        tr.setAttribute('data-line', r.line);
        var input = document.createElement('input');
        input.className = 'fix-max';
        input.type = 'text';
        input.size = 4;
        input.value = input.defaultValue = r.max;
        input.setAttribute('aria-label', words('Điểm tối đa của ', 'Maximum of ') + r.code);
        max.appendChild(input);
        var text = document.createElement('textarea');
        text.className = 'fix-wording';
        text.rows = 3;
        text.value = text.defaultValue = r.wording;
        text.setAttribute('aria-label', words('Cách tính điểm của ', 'Scoring rule of ') + r.code);
        rule.appendChild(text);
        if (r.rule) {
          var now = document.createElement('div');
          now.textContent = words('Hiện là: ', 'Now: ') + r.rule;
          rule.appendChild(now);
        }
      }
      tbody.appendChild(tr);
    }
    document.getElementById('import-summary').textContent = body.can_save
      ? words(unsure + ' dòng cần xem lại (đánh dấu bên dưới); ' + body.manual + ' tiêu chí chấm tay.',
              unsure + ' rows to look at (marked below); ' + body.manual + ' leaves scored by hand.')
      : words('Bảng còn lỗi (danh sách ở trên): sửa rồi đọc lại trước khi lưu.', 'The table still has errors (listed above): correct them and read again before saving.');
    document.getElementById('import-do-save').disabled = !body.can_save;
    showProblems(body.problems);
    result.hidden = false;
  }

  function answer(r, saving) {
    if (r.status === 200 && r.body) {
      render(r.body);
      if (saving && r.body.saved) {
        var s = r.body.saved;
        var said = words('Đã lưu ' + s.file + ' vào hồ sơ', 'Saved ' + s.file + ' in the dossier') +
          (s.pointed ? words('; dossier.json dùng bộ chỉ số này.', '; dossier.json now uses these criteria.') : '.');
        try { sessionStorage.setItem('parscore-flash', said); } catch (e) { /* private mode */ }
        msg.textContent = said;
        location.reload();
        return;
      }
      msg.textContent = words('Đã đọc xong bảng.', 'The table was read.');
      return;
    }
    if (r.status === 409) { var b = document.getElementById('changed'); if (b) { b.hidden = false; } }
    msg.textContent = words('Không thực hiện được:', 'Could not do it:');
    showProblems((r.body && r.body.errors) || []);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!file.files.length) { return; }
    kept = {};
    msg.textContent = words('Đang đọc…', 'Reading…');
    post(api).then(function (r) { answer(r, false); });
  });
  document.getElementById('import-reread').addEventListener('click', function () {
    msg.textContent = words('Đang đọc lại…', 'Reading again…');
    post(api).then(function (r) { answer(r, false); });
  });
  document.getElementById('import-save').addEventListener('submit', function (e) {
    e.preventDefault();
    msg.textContent = words('Đang lưu…', 'Saving…');
    post(api + '/save').then(function (r) {
      /* A sealed dossier asks first; the save is sent again with the confirmation. */
      var b = r.body || {};
      if (r.status === 409 && b.reason === 'sealed') {
        var question = (b.errors && b.errors[0] && b.errors[0].message) || '';
        if (window.confirm(question)) { post(api + '/save', true).then(function (again) { answer(again, true); }); return; }
        msg.textContent = words('Chưa lưu: hồ sơ đã niêm phong.', 'Not saved: the dossier is sealed.');
        return;
      }
      answer(r, true);
    });
  });
}());
