// The self-check page: hand the chosen files to yoshiki and show what it
// found, file by file. Two engines behind one face: this machine's
// `yoshiki serve` (api/…), or the WebAssembly module in the page itself
// (engine-wasm.js, the static page). Plain JS, no build step, nothing
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
      help: '直し方', annotate: 'コメント付きの写しを保存', fix: '自動で直した写しを保存',
      fixTitle: '次のとおり直します。よければ「保存」を押してください。', fixNone: '自動で直せるところはありませんでした。', summary: function (s) { return s.files + ' ファイルを確認しました：エラー ' + s.errors + ' 件、警告 ' + s.warnings + ' 件、情報 ' + s.infos + ' 件'; },
      failed: '確認できませんでした：', explain: 'この指摘について', langButton: 'English' },
    en: { error: 'Error', warning: 'Warning', info: 'Info', checking: 'Checking…',
      none: 'No findings.', forms: 'Forms', unknownForm: 'no known form found',
      help: 'What to write', annotate: 'Save a copy with comments', fix: 'Save a fixed copy',
      fixTitle: 'These changes will be made. Press Save to keep the fixed copy.', fixNone: 'Nothing can be fixed automatically.', summary: function (s) { return 'Checked ' + s.files + ' file(s): ' + s.errors + ' error(s), ' + s.warnings + ' warning(s), ' + s.infos + ' info'; },
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

  // --- the two engines: same calls, same answers -------------------------
  function readAll(files) {
    return Promise.all(files.map(function (f) {
      return f.arrayBuffer().then(function (b) {
        return { name: f.webkitRelativePath || f.relPath || f.name, bytes: new Uint8Array(b) };
      });
    }));
  }
  function refusal(meta) { return new Error(lang === 'ja' ? meta.error : meta.error_en); }
  var wasmEngine = {
    json: function (header, files) {
      return readAll(files).then(function (fs) { return window.YoshikiWasm.call(header, fs); })
        .then(function (r) {
          if (!r.ok) throw refusal(r.meta);
          return JSON.parse(new TextDecoder().decode(r.payload));
        });
    },
    file: function (header, files) {
      return readAll(files).then(function (fs) { return window.YoshikiWasm.call(header, fs); })
        .then(function (r) {
          if (!r.ok) throw refusal(r.meta);
          return { blob: new Blob([r.payload], { type: r.meta.mime }), name: r.meta.file_name, meta: r.meta };
        });
    },
    check: function (files) { return this.json({ op: 'check', lang: lang }, files); },
    report: function (files, format) { return this.file({ op: 'report', lang: lang, format: format }, files); },
    annotate: function (files, path) { return this.file({ op: 'annotate', lang: lang, file: path }, files); },
    fix: function (files, path) {
      return this.file({ op: 'fix', lang: lang, file: path }, files).then(function (r) {
        return { changes: r.meta.changes, fixable: r.meta.fixable, get: function () { return Promise.resolve(r); } };
      });
    },
    explain: function (code) { return this.json({ op: 'explain', lang: lang, code: code }, []); },
    forms: function () { return this.json({ op: 'forms' }, []); }
  };
  function answer(r) {
    if (r.ok) return r;
    return r.json().then(function (j) { throw refusal(j); });
  }
  function nameOf(r, fallback) {
    var cd = r.headers.get('Content-Disposition') || '';
    var m = /filename\*=UTF-8''([^;]+)/.exec(cd);
    return m ? decodeURIComponent(m[1]) : fallback;
  }
  var serverEngine = {
    post: function (url, files) {
      return fetch(url, { method: 'POST', body: form(files), headers: headers() }).then(answer);
    },
    file: function (url, files, fallback) {
      return this.post(url, files).then(function (r) {
        return r.blob().then(function (b) { return { blob: b, name: nameOf(r, fallback) }; });
      });
    },
    check: function (files) { return this.post('api/check?lang=' + lang, files).then(function (r) { return r.json(); }); },
    report: function (files, format) { return this.file('api/report?format=' + format + '&lang=' + lang, files, 'yoshiki_report.' + format); },
    annotate: function (files, path) { return this.file('api/annotate?lang=' + lang + '&file=' + encodeURIComponent(path), files, 'annotated'); },
    fix: function (files, path) {
      var self = this;
      var url = 'api/fix?lang=' + lang + '&file=' + encodeURIComponent(path);
      return this.post(url + '&preview=1', files).then(function (r) { return r.json(); }).then(function (j) {
        return { changes: j.changes, fixable: j.fixable, get: function () { return self.file(url, files, 'fixed'); } };
      });
    },
    explain: function (code) {
      return fetch('api/explain/' + encodeURIComponent(code) + '?lang=' + lang, { headers: headers() })
        .then(function (r) { return r.json(); });
    },
    forms: function () { return fetch('api/forms', { headers: headers() }).then(answer).then(function (r) { return r.json(); }); }
  };
  var engine = window.YoshikiWasm ? wasmEngine : serverEngine;

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
    engine.explain(code).then(function (j) {
      $('explain-text').textContent = j.code + ' [' + j.severity + '] ' + j.title + '\n\n' + j.doc;
      $('explain').showModal();
    }).catch(function (e) { $('explain-text').textContent = String(e.message || e); $('explain').showModal(); });
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
      var safe = (f.diagnostics || []).some(function (d) { return d.fix && d.fix.applicability === 'safe'; });
      if (safe && /\.(docx|docm|xlsx|xlsm|txt|csv)$/i.test(f.path)) {
        var fx = el('button', 'fix', T[lang].fix);
        fx.type = 'button';
        fx.addEventListener('click', function () { fix(f.path); });
        box.appendChild(fx);
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

  function failed(e) { $('status').textContent = T[lang].failed + (e && e.message ? e.message : e); }

  function send(files) {
    lastFiles = files;
    $('status').textContent = T[lang].checking;
    engine.check(files).then(render).catch(failed);
  }

  function save(r) {
    var a = el('a');
    a.href = URL.createObjectURL(r.blob);
    a.download = r.name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function annotate(path) { engine.annotate(lastFiles, path).then(save).catch(failed); }

  function download(format) { engine.report(lastFiles, format).then(save).catch(failed); }

  // The safe changes are shown first; the fixed copy is saved on OK.
  function fix(path) {
    engine.fix(lastFiles, path).then(function (f) {
      var list = $('fix-list');
      list.textContent = '';
      $('fix-title').textContent = path + ' — ' + (f.fixable ? T[lang].fixTitle : T[lang].fixNone);
      f.changes.forEach(function (c) {
        var li = el('li');
        li.appendChild(el('span', 'code', c.code + ' '));
        li.appendChild(el('span', 'place', c.place + ' '));
        li.appendChild(el('del', null, c.before));
        li.appendChild(document.createTextNode(' → '));
        li.appendChild(el('ins', null, c.after));
        list.appendChild(li);
      });
      var ok = $('fix-save');
      ok.hidden = !f.fixable;
      ok.onclick = function () { $('fix').close(); f.get().then(save).catch(failed); };
      $('fix').showModal();
    }).catch(failed);
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
    engine.forms()
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
    $('fix-cancel').addEventListener('click', function () { $('fix').close(); });
  });
})();
