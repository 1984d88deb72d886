// The self-check page: send the chosen files to this machine's yoshiki and
// show what it found, file by file. Plain JS, no build step, nothing
// loaded from elsewhere.
'use strict';

(function () {
  var lang = 'ja';
  var lastFiles = [];
  var formNames = {};
  var token = new URLSearchParams(location.search).get('token');
  var T = {
    ja: { error: 'エラー', warning: '警告', info: '情報', checking: '確認しています…',
      none: '指摘はありません。', forms: '様式', unknownForm: '既知の様式は見つかりませんでした',
      help: '直し方', annotate: 'コメント付きの写しを保存', summary: function (s) { return s.files + ' ファイルを確認しました：エラー ' + s.errors + ' 件、警告 ' + s.warnings + ' 件、情報 ' + s.infos + ' 件'; },
      failed: '確認できませんでした：', explain: 'この指摘について', langButton: 'English' },
    en: { error: 'Error', warning: 'Warning', info: 'Info', checking: 'Checking…',
      none: 'No findings.', forms: 'Forms', unknownForm: 'no known form found',
      help: 'What to write', annotate: 'Save a copy with comments', summary: function (s) { return 'Checked ' + s.files + ' file(s): ' + s.errors + ' error(s), ' + s.warnings + ' warning(s), ' + s.infos + ' info'; },
      failed: 'Could not check: ', explain: 'About this finding', langButton: '日本語' }
  };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function headers() { return token ? { 'X-Yoshiki-Token': token } : {}; }

  function setLang(l) {
    lang = l;
    document.documentElement.lang = l;
    document.querySelectorAll('[data-ja]').forEach(function (e) { e.textContent = e.getAttribute('data-' + l); });
    $('lang').textContent = T[l].langButton;
    if (lastFiles.length) send(lastFiles);
  }

  // The excerpt with its highlighted byte range marked.
  function excerpt(d) {
    var box = el('span', 'excerpt');
    var text = d.excerpt || '';
    var h = d.excerpt_highlight;
    if (!h) { box.textContent = text; return box; }
    var bytes = new TextEncoder().encode(text);
    var dec = new TextDecoder();
    box.appendChild(document.createTextNode(dec.decode(bytes.slice(0, h[0]))));
    box.appendChild(el('mark', null, dec.decode(bytes.slice(h[0], h[1]))));
    box.appendChild(document.createTextNode(dec.decode(bytes.slice(h[1]))));
    return box;
  }

  function explain(code) {
    fetch('api/explain/' + encodeURIComponent(code) + '?lang=' + lang, { headers: headers() })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        $('explain-text').textContent = j.error || (j.code + ' [' + j.severity + '] ' + j.title + '\n\n' + j.doc);
        $('explain').showModal();
      });
  }

  function render(report) {
    var out = $('results');
    out.textContent = '';
    var order = { error: 0, warning: 1, info: 2 };
    report.files.forEach(function (f) {
      var box = el('article', 'file');
      box.appendChild(el('h2', null, f.path));
      if (/\.(docx|docm|xlsx|xlsm)$/i.test(f.path) && (f.diagnostics || []).length) {
        var ann = el('button', 'annotate', T[lang].annotate);
        ann.type = 'button';
        ann.addEventListener('click', function () { annotate(f.path); });
        box.appendChild(ann);
      }
      var forms = (f.forms || []).map(function (x) {
        var n = formNames[x.form];
        return (n ? (lang === 'ja' ? n.name : (n.name_en || n.name)) : x.form) + '（' + x.template_version + '）';
      });
      box.appendChild(el('p', 'forms', T[lang].forms + ': ' + (forms.length ? forms.join('、') : T[lang].unknownForm)));
      var ds = (f.diagnostics || []).slice().sort(function (a, b) { return order[a.severity] - order[b.severity]; });
      if (!ds.length) box.appendChild(el('p', 'none', T[lang].none));
      ds.forEach(function (d) {
        var item = el('div', 'finding ' + d.severity);
        var head = el('p');
        head.appendChild(el('span', 'sev', T[lang][d.severity] + ' '));
        var code = el('button', 'code', d.code);
        code.type = 'button';
        code.title = T[lang].explain;
        code.addEventListener('click', function () { explain(d.code); });
        head.appendChild(code);
        head.appendChild(document.createTextNode(' ' + d.message));
        item.appendChild(head);
        if (d.place) item.appendChild(el('p', 'place', d.place));
        if (d.excerpt) item.appendChild(excerpt(d));
        if (d.help) item.appendChild(el('p', 'help', T[lang].help + ': ' + d.help));
        box.appendChild(item);
      });
      out.appendChild(box);
    });
    $('status').textContent = T[lang].summary(report.summary);
    $('downloads').hidden = false;
  }

  function form(files) {
    var fd = new FormData();
    files.forEach(function (f) { fd.append('file', f, f.webkitRelativePath || f.relPath || f.name); });
    return fd;
  }

  function send(files) {
    lastFiles = files;
    $('status').textContent = T[lang].checking;
    fetch('api/check?lang=' + lang, { method: 'POST', body: form(files), headers: headers() })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (!res.ok) { $('status').textContent = T[lang].failed + (lang === 'ja' ? res.j.error : res.j.error_en); return; }
        render(res.j);
      })
      .catch(function (e) { $('status').textContent = T[lang].failed + e; });
  }

  function save(blob, name) {
    var a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function annotate(path) {
    fetch('api/annotate?lang=' + lang + '&file=' + encodeURIComponent(path), { method: 'POST', body: form(lastFiles), headers: headers() })
      .then(function (r) { return r.blob(); })
      .then(function (b) {
        var name = path.split('/').pop().replace(/(\.[^.]+)$/, '_指摘付き$1');
        save(b, name);
      });
  }

  function download(format) {
    fetch('api/report?format=' + format + '&lang=' + lang, { method: 'POST', body: form(lastFiles), headers: headers() })
      .then(function (r) { return r.blob(); })
      .then(function (b) {
        var a = el('a');
        a.href = URL.createObjectURL(b);
        a.download = 'yoshiki_report.' + format;
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
  }

  // Files of a dropped folder, with their paths inside it.
  function walk(entry, path, acc) {
    return new Promise(function (done) {
      if (entry.isFile) {
        entry.file(function (f) { f.relPath = path + f.name; acc.push(f); done(); }, done);
      } else if (entry.isDirectory) {
        var reader = entry.createReader();
        var all = [];
        (function more() {
          reader.readEntries(function (es) {
            if (!es.length) {
              Promise.all(all.map(function (e) { return walk(e, path + entry.name + '/', acc); })).then(done);
            } else { all = all.concat(Array.prototype.slice.call(es)); more(); }
          }, done);
        })();
      } else done();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    fetch('api/forms', { headers: headers() })
      .then(function (r) { return r.json(); })
      .then(function (list) { list.forEach(function (d) { if (!formNames[d.id]) formNames[d.id] = d; }); })
      .catch(function () {});
    var drop = $('drop');
    drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
    drop.addEventListener('drop', function (e) {
      e.preventDefault();
      drop.classList.remove('over');
      var items = e.dataTransfer.items;
      if (items && items.length && items[0].webkitGetAsEntry) {
        var acc = [];
        Promise.all(Array.prototype.map.call(items, function (it) {
          var en = it.webkitGetAsEntry();
          return en ? walk(en, '', acc) : Promise.resolve();
        })).then(function () { send(acc); });
      } else send(Array.prototype.slice.call(e.dataTransfer.files));
    });
    drop.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') $('files').click(); });
    $('files').addEventListener('change', function () { send(Array.prototype.slice.call(this.files)); });
    $('folder').addEventListener('change', function () { send(Array.prototype.slice.call(this.files)); });
    $('lang').addEventListener('click', function () { setLang(lang === 'ja' ? 'en' : 'ja'); });
    $('xlsx').addEventListener('click', function () { download('xlsx'); });
    $('html').addEventListener('click', function () { download('html'); });
    $('explain-close').addEventListener('click', function () { $('explain').close(); });
  });
})();
