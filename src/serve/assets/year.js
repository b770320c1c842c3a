/* parscore serve, the year's other pages: a document uploaded, corrected, attached,
   taken out and restored (Evidence), the council's points (Thẩm định), the report header,
   a new year, the rank to reach (Khoảng cách). Plain ES5; what it shares with app.js (the
   dossier, the words, the one way to send a change, which asks before breaking a seal)
   comes from window.parscore, which app.js sets first. */
(function () {
  'use strict';
  var p = window.parscore;
  if (!p) { return; }
  var api = p.api, dossier = p.dossier, words = p.words, who = p.who, send = p.send;
  var change = p.change, refused = p.refused, resolve = p.resolve, handle = p.handle;
  var errorText = p.errorText, staleBanner = p.staleBanner, afterSave = p.afterSave;
  var flash = p.flash, showScore = p.showScore, savedRow = p.savedRow, percent = p.percent;

  /* Fields of a form as a JSON object of strings. */
  function fields(form) {
    var out = {};
    var els = form.elements;
    for (var i = 0; i < els.length; i++) {
      var e = els[i];
      if (e.name && e.type !== 'file' && e.type !== 'submit' && e.type !== 'button') { out[e.name] = e.value; }
    }
    return out;
  }

  function reloadWith(message) { afterSave(message); }

  function messageIn(el, text, ok) {
    if (!el) { return; }
    el.className = ok ? 'msg ok' : 'msg';
    el.textContent = text;
  }

  function setupDocuments() {
    var edits = document.querySelectorAll('form.doc-edit');
    Array.prototype.forEach.call(edits, function (f) {
      f.addEventListener('submit', function (e) {
        e.preventDefault();
        var doc = f.getAttribute('data-doc');
        var msg = f.closest('td').querySelector('.msg');
        change('PUT', api + '/documents/' + encodeURIComponent(doc), fields(f)).then(function (r) {
          if (r.status === 200) { reloadWith(words('Đã sửa dòng ', 'Corrected the row of ') + doc + words(' trong manifest.csv.', ' in manifest.csv.')); return; }
          refused(r, msg);
        });
      });
    });
    var files = document.querySelectorAll('form.doc-file');
    Array.prototype.forEach.call(files, function (f) {
      f.addEventListener('submit', function (e) {
        e.preventDefault();
        var doc = f.getAttribute('data-doc');
        var msg = f.closest('td').querySelector('.msg');
        messageIn(msg, words('Đang tải lên…', 'Uploading…'), true);
        change('POST', api + '/documents/' + encodeURIComponent(doc) + '/file', new FormData(f), true).then(function (r) {
          if (r.status === 200) { reloadWith(words('Đã đính kèm ', 'Attached ') + r.body.file + words(' cho ', ' to ') + doc + '.'); return; }
          refused(r, msg);
        });
      });
    });
    var removes = document.querySelectorAll('button.remove');
    Array.prototype.forEach.call(removes, function (b) {
      b.addEventListener('click', function () {
        var doc = b.getAttribute('data-doc');
        if (!window.confirm(words('Gỡ ' + doc + ' khỏi hồ sơ? Tệp được chuyển vào files/.removed/ và có thể khôi phục.', 'Take ' + doc + ' out of the dossier? Its file moves to files/.removed/ and can be restored.'))) { return; }
        var msg = b.parentNode.querySelector('.msg');
        change('DELETE', api + '/documents/' + encodeURIComponent(doc), {}).then(function (r) {
          if (r.status === 200) { reloadWith(words('Đã gỡ ', 'Took out ') + doc + words(' khỏi hồ sơ (khôi phục được ở cuối trang).', ' (it can be restored at the bottom of the page).')); return; }
          refused(r, msg);
        });
      });
    });
    var restores = document.querySelectorAll('button.restore');
    Array.prototype.forEach.call(restores, function (b) {
      b.addEventListener('click', function () {
        var doc = b.getAttribute('data-doc');
        var msg = b.parentNode.querySelector('.msg');
        change('POST', api + '/removed/' + encodeURIComponent(doc) + '/restore', {}).then(function (r) {
          if (r.status === 200) { reloadWith(words('Đã khôi phục ', 'Restored ') + doc + words(' vào hồ sơ.', ' to the dossier.')); return; }
          refused(r, msg);
        });
      });
    });
    /* A missing document's row offers the upload form with its criteria filled in. */
    var offers = document.querySelectorAll('button.offer');
    Array.prototype.forEach.call(offers, function (b) {
      b.addEventListener('click', function () {
        var criteria = document.getElementById('u-criteria');
        var title = document.getElementById('u-title');
        if (criteria) { criteria.value = b.getAttribute('data-code'); }
        if (title && !title.value) { title.value = b.getAttribute('data-what') || ''; }
        var form = document.getElementById('upload');
        if (form) { form.scrollIntoView(); }
        var file = document.getElementById('file');
        if (file) { file.focus(); }
      });
    });
  }

  function setupCouncil() {
    var begin = document.getElementById('council-begin');
    if (begin) {
      begin.addEventListener('click', function () {
        change('POST', api + '/council', {}).then(function (r) {
          if (r.status === 200) { reloadWith(words('Đã thêm cột điểm thẩm định (appraised) vào scores.csv.', 'Added the appraised column to scores.csv.')); return; }
          refused(r, document.getElementById('council-msg'));
        });
      });
    }
    var forms = document.querySelectorAll('form.council');
    Array.prototype.forEach.call(forms, function (f) {
      f.addEventListener('submit', function (e) {
        e.preventDefault();
        var code = f.getAttribute('data-code');
        var id = f.id.substring(2);
        var body = {
          appraised: document.getElementById('a-' + id).value,
          appraisal_note: document.getElementById('cn-' + id).value,
          answer: document.getElementById('ca-' + id).value
        };
        function go(body) {
          send('PUT', api + '/council/' + encodeURIComponent(code), body).then(function (r) {
            if (resolve(r, body, go, null)) { return; }
            if (r.status !== 200) { handle(r, id, ''); return; }
            if (body.break_seal) {
              afterSave(words('Đã lưu điểm thẩm định ', 'Saved the council\'s points for ') + code + words('; niêm phong đã bị phá.', '; the seal is broken.'));
              return;
            }
            showScore(r.body || {});
          var total = (r.body && r.body.total) || {};
          var text = words('Đã lưu điểm thẩm định ', 'Saved the council\'s points for ') + code +
            words('. Chỉ số thẩm định: ', '. Appraised index: ') + percent(total.appraised_index) + '.';
            savedRow(id, text);
            flash(text);
          });
        }
        go(body);
      });
    });
  }

  function setupHeader() {
    var form = document.getElementById('header');
    if (!form) { return; }
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var msg = document.getElementById('header-msg');
      change('PUT', api + '/report', fields(form)).then(function (r) {
        if (r.status === 200) {
          var text = words('Đã lưu thông tin báo cáo vào dossier.json.', 'Saved the report header to dossier.json.');
          /* A broken seal: the page reloads so that every notice says so. */
          if (r.brokeSeal) { afterSave(text + words(' Niêm phong đã bị phá.', ' The seal is broken.')); return; }
          messageIn(msg, text, true);
          flash(text);
          return;
        }
        refused(r, msg);
      });
    });
  }

  function setupStart() {
    var form = document.getElementById('start');
    if (!form) { return; }
    /* The note that the criteria chosen are of another year than the one started. */
    var criteria = document.getElementById('s-criteria');
    var year = document.getElementById('s-year');
    var note = document.getElementById('s-criteria-year');
    function checkYear() {
      var o = criteria && criteria.options[criteria.selectedIndex];
      var of = o ? o.getAttribute('data-year') : '';
      if (note) { note.hidden = !of || !year || of === String(year.value).trim(); }
    }
    if (criteria) { criteria.addEventListener('change', checkYear); }
    if (year) { year.addEventListener('input', checkYear); }
    checkYear();
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var msg = document.getElementById('start-msg');
      messageIn(msg, words('Đang tạo…', 'Creating…'), true);
      send('POST', '/api/v1/dossiers', fields(form)).then(function (r) {
        if (r.status === 200 && r.body && r.body.id) {
          try { sessionStorage.setItem('parscore-flash', words('Đã tạo hồ sơ năm mới trong thư mục ', 'Created the new year\'s dossier in the folder ') + r.body.folder + '.'); } catch (err) { /* private mode */ }
          location.href = '/d/' + encodeURIComponent(r.body.id) + '/score';
          return;
        }
        messageIn(msg, errorText(r.body));
      });
    });
  }

  function setupGap() {
    var save = document.getElementById('save-rank');
    if (!save) { return; }
    save.addEventListener('click', function () {
      var rank = document.getElementById('g-rank').value;
      change('PUT', api + '/target-rank', { target_rank: Number(rank) }).then(function (r) {
        if (r.status === 200) {
          try { sessionStorage.setItem('parscore-flash', words('Đã lưu hạng cần đạt ', 'Saved the rank to reach, ') + rank + words(' vào dossier.json.', ', to dossier.json.')); } catch (err) { /* private mode */ }
          location.href = '/d/' + encodeURIComponent(dossier) + '/gap';
          return;
        }
        refused(r, document.getElementById('rank-msg'));
      });
    });
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
      change('POST', api + '/documents', data, true).then(function (r) {
        if (r.status === 200) {
          afterSave(words('Đã thêm ', 'Added ') + r.body.id + ' (' + r.body.file + words(') vào manifest.csv.', ') to manifest.csv.'));
          return;
        }
        if (r.status === 409 && !r.declined && !(r.body && r.body.reason === 'sealed')) { staleBanner(); }
        msg.textContent = errorText(r.body);
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    setupUpload();
    setupDocuments();
    setupCouncil();
    setupHeader();
    setupStart();
    setupGap();
  });
})();
