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
      fixTitle: '次のとおり直します。よければ「保存」を押してください。',
      migrate: '現行の様式に移した版を保存', migrateTitle: function (from, n) { return '旧様式（' + from + '）の記載 ' + n + ' 件を現行の様式に移します。よければ「保存」を押してください。'; },
      fresh: '要件が変わったため、改めて記入が必要な項目', wording: '文言が変わった項目（記載は引き継ぎます。署名の前に読み直してください）', notPlaced: '移せなかった記載', placed: '引き継いだ記載',
      oneSet: '提出物',
      preview: '文書の中で見る', goto: '文書の該当箇所へ', more: '（以下省略）',
      moreRows: function (n) { return '（ほか ' + n + ' 行）'; },
      story: { header: 'ヘッダー', footer: 'フッター', footnotes: '脚注', endnotes: '文末脚注', comments: 'コメント', text_boxes: 'テキストボックス' }, fixNone: '自動で直せるところはありませんでした。', summary: function (s) { return s.files + ' ファイルを確認しました：エラー ' + s.errors + ' 件、警告 ' + s.warnings + ' 件、情報 ' + s.infos + ' 件'; },
      failed: '確認できませんでした：', explain: 'この指摘について', langButton: 'English',
      carryNeed: '①昨年度の記入済みの様式と ②今年度の白紙の様式の両方を選んでください。', carrying: '移しています…', carryFailed: '移せませんでした：',
      carryDone: function (c) { return '移した値 ' + c.placed + ' 件、移せなかった値 ' + c.unplaced + ' 件、新しく記入が必要な欄 ' + c.new_fields + ' 件、文言が変わった箇所 ' + c.changed_wording + ' 件'; },
      carryUnplaced: '移せなかった値（エラー：今年度の様式に手で書き写してください）', carryNew: '今年度の様式で新しく記入が必要な欄（手で記入してください）',
      carryWording: '文言が変わった箇所（署名・提出の前に読み直してください）', carryPlaced: '移した値（昨年度の場所 → 今年度の場所）',
      carryBlank: function (n) { return '昨年度も空欄だった欄が ' + n + ' か所あります（必要なら記入してください）。'; },
      carryNone: 'すべての値を移せました。', colOld: '昨年度の項目', colNew: '今年度の項目', colValue: '値', colWhere: '場所', colReason: '理由', colField: '欄' },
    en: { error: 'Error', warning: 'Warning', info: 'Info', checking: 'Checking…',
      none: 'No findings.', forms: 'Forms', unknownForm: 'no known form found',
      help: 'What to write', annotate: 'Save a copy with comments', fix: 'Save a fixed copy',
      fixTitle: 'These changes will be made. Press Save to keep the fixed copy.',
      migrate: 'Save it on the current template', migrateTitle: function (from, n) { return n + ' entries of the old template (' + from + ') will be carried onto the current one. Press Save to keep it.'; },
      fresh: 'Requirements changed: answer these again', wording: 'Wording changed (answers carried; read again before signing)', notPlaced: 'Not carried over', placed: 'Carried over',
      oneSet: 'Submission',
      preview: 'Show in the document', goto: 'Show where', more: '(the rest is left out)',
      moreRows: function (n) { return '(' + n + ' more rows)'; },
      story: { header: 'Header', footer: 'Footer', footnotes: 'Footnotes', endnotes: 'Endnotes', comments: 'Comments', text_boxes: 'Text boxes' }, fixNone: 'Nothing can be fixed automatically.', summary: function (s) { return 'Checked ' + s.files + ' file(s): ' + s.errors + ' error(s), ' + s.warnings + ' warning(s), ' + s.infos + ' info'; },
      failed: 'Could not check: ', explain: 'About this finding', langButton: '日本語',
      carryNeed: 'Choose both (1) last year\'s filled form and (2) this year\'s blank template.', carrying: 'Carrying…', carryFailed: 'Could not carry: ',
      carryDone: function (c) { return c.placed + ' value(s) carried, ' + c.unplaced + ' found no place, ' + c.new_fields + ' new entr(ies) to fill in, ' + c.changed_wording + ' wording change(s)'; },
      carryUnplaced: 'Values that found no place (error: copy them onto this year\'s template by hand)', carryNew: 'New entries of this year\'s template (fill them in by hand)',
      carryWording: 'Wording that changed (read again before signing)', carryPlaced: 'Values carried (last year\'s place → this year\'s place)',
      carryBlank: function (n) { return n + ' entr(ies) were blank last year as well (fill them in if needed).'; },
      carryNone: 'Every value was carried.', colOld: 'Last year\'s entry', colNew: 'This year\'s entry', colValue: 'Value', colWhere: 'Place', colReason: 'Why', colField: 'Entry' }
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
    preview: function (files, path) { return this.json({ op: 'preview', lang: lang, file: path }, files); },
    migrate: function (files, path) {
      return this.file({ op: 'migrate', lang: lang, file: path }, files).then(function (r) {
        return { summary: r.meta.summary, get: function () { return Promise.resolve(r); } };
      });
    },
    // Last year's filled form onto this year's template (migrate --to):
    // the files go in with their roles, the report and the file come back.
    carry: function (picked) {
      return Promise.all(picked.map(function (p) {
        return p.file.arrayBuffer().then(function (b) { return { name: p.file.name, role: p.role, bytes: new Uint8Array(b) }; });
      })).then(function (fs) { return window.YoshikiWasm.call({ op: 'migrate_to', lang: lang }, fs); })
        .then(function (r) {
          if (!r.ok) throw refusal(r.meta);
          var file = { blob: new Blob([r.payload], { type: r.meta.mime }), name: r.meta.file_name };
          return { summary: r.meta.summary, get: function () { return Promise.resolve(file); } };
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
    migrate: function (files, path) {
      var self = this;
      var url = 'api/migrate?lang=' + lang + '&file=' + encodeURIComponent(path);
      return this.post(url + '&preview=1', files).then(function (r) { return r.json(); }).then(function (j) {
        return { summary: j, get: function () { return self.file(url, files, 'migrated.docx'); } };
      });
    },
    carry: function (picked) {
      function body() {
        var fd = new FormData();
        picked.forEach(function (p) { fd.append(p.role, p.file, p.file.name); });
        return fd;
      }
      var url = 'api/migrate-to?lang=' + lang;
      var send = function (u) { return fetch(u, { method: 'POST', body: body(), headers: headers() }).then(answer); };
      return send(url + '&preview=1').then(function (r) { return r.json(); }).then(function (j) {
        return { summary: j, get: function () {
          return send(url).then(function (r) { return r.blob().then(function (b) { return { blob: b, name: nameOf(r, 'migrated') }; }); });
        } };
      });
    },
    preview: function (files, path) {
      return this.post('api/preview?file=' + encodeURIComponent(path), files).then(function (r) { return r.json(); });
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
    if (!$('carry-report').hidden) carry();
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
      var old = (f.forms || []).some(function (x) { var n = formNames[x.form + '@' + x.template_version]; return n && n.current === false; });
      if (old) {
        var mg = el('button', 'migrate', T[lang].migrate);
        mg.type = 'button';
        mg.addEventListener('click', function () { migrate(f.path); });
        box.appendChild(mg);
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
        if (d.location && canPreview(f.path)) {
          var go = el('button', 'goto', T[lang].goto);
          go.type = 'button';
          go.addEventListener('click', function () { showInDocument(box, f, ds, ds.indexOf(d)); });
          item.appendChild(go);
        }
        box.appendChild(item);
      });
      if (canPreview(f.path)) {
        var pv = el('details', 'preview');
        pv.appendChild(el('summary', null, T[lang].preview));
        pv.addEventListener('toggle', function () { if (pv.open) loadPreview(box, f, ds); });
        box.appendChild(pv);
      }
      out.appendChild(box);
    });
    $('status').textContent = T[lang].summary(report.summary);
    $('downloads').hidden = false;
    intake(report);
  }

  // --- intake: one row per submission set, filters by severity and code ---
  function setOf(path) { var i = path.lastIndexOf('/'); return i < 0 ? T[lang].oneSet : path.slice(0, i); }

  function intake(report) {
    var rows = {};
    var order = [];
    var allCodes = {};
    report.files.forEach(function (f, i) {
      var name = setOf(f.path);
      if (!rows[name]) { rows[name] = { files: 0, forms: {}, error: 0, warning: 0, info: 0, codes: {}, first: i }; order.push(name); }
      var r = rows[name];
      r.files++;
      (f.forms || []).forEach(function (x) {
        var n = formNames[x.form];
        r.forms[(n ? (lang === 'ja' ? n.name : (n.name_en || n.name)) : x.form) + '（' + x.template_version + '）'] = true;
      });
      (f.diagnostics || []).forEach(function (d) { r[d.severity]++; r.codes[d.code] = true; allCodes[d.code] = true; });
    });
    var body = document.querySelector('#sets-table tbody');
    body.textContent = '';
    order.forEach(function (name) {
      var r = rows[name];
      var tr = el('tr', r.error ? 'has-error' : (r.warning ? 'has-warning' : 'ok'));
      var cell = el('td');
      var go = el('button', 'set-link', name);
      go.type = 'button';
      go.addEventListener('click', function () {
        var art = document.querySelectorAll('#results article.file')[r.first];
        if (art) { art.scrollIntoView({ block: 'start' }); flash(art); }
      });
      cell.appendChild(go);
      tr.appendChild(cell);
      [r.files, Object.keys(r.forms).join('、'), r.error, r.warning, r.info, Object.keys(r.codes).sort().join(' ')].forEach(function (v) {
        tr.appendChild(el('td', null, String(v)));
      });
      body.appendChild(tr);
    });
    var select = $('f-code');
    var keep = select.value;
    while (select.options.length > 1) select.remove(1);
    Object.keys(allCodes).sort().forEach(function (c) { var o = el('option', null, c); o.value = c; select.appendChild(o); });
    select.value = allCodes[keep] ? keep : '';
    $('intake').hidden = false;
    applyFilters();
  }

  function applyFilters() {
    var code = $('f-code').value;
    var show = { error: $('f-error').checked, warning: $('f-warning').checked, info: $('f-info').checked };
    document.querySelectorAll('#results .finding').forEach(function (item) {
      var sev = ['error', 'warning', 'info'].filter(function (s) { return item.classList.contains(s); })[0];
      var c = item.querySelector('button.code').textContent;
      item.hidden = !show[sev] || (code !== '' && c !== code);
    });
    document.querySelectorAll('#results article.file').forEach(function (art) {
      var any = art.querySelectorAll('.finding').length;
      var visible = art.querySelectorAll('.finding:not([hidden])').length;
      art.hidden = any > 0 && visible === 0 || (any === 0 && code !== '');
    });
  }

  function form(files) {
    var fd = new FormData();
    files.forEach(function (f) { fd.append('file', f, f.webkitRelativePath || f.relPath || f.name); });
    return fd;
  }

  // --- the document preview, with each finding marked in place --------------
  function canPreview(path) { return /\.(docx|docm|dotx|doc|dot|odt|xlsx|xlsm|xls|xlsb|ods|pdf|txt|csv)$/i.test(path); }

  // Keys a location is known by, most precise first.
  function keys(loc) {
    var k = [];
    if (!loc) return k;
    var part = loc.part || '';
    if (loc.paragraph != null) k.push('p|' + part + '|' + loc.paragraph);
    if (loc.table != null && loc.row != null && loc.col != null) k.push('c|' + part + '|' + loc.table + '|' + loc.row + '|' + loc.col);
    if (loc.sheet != null && loc.cell != null) k.push('s|' + loc.sheet + '|' + loc.cell);
    if (loc.line != null) k.push('l|' + loc.line);
    return k;
  }

  function drawBlocks(blocks, into, places) {
    function register(loc, node) { keys(loc).forEach(function (k) { if (!places[k]) places[k] = node; }); }
    blocks.forEach(function (b) {
      if (b.type === 'p') {
        var p = el('p', 'pv-p', b.text || '\u00a0');
        register(b.loc, p);
        into.appendChild(p);
      } else if (b.type === 'table') {
        if (b.name) into.appendChild(el('h4', 'pv-sheet', b.name));
        var table = el('table', 'pv-table');
        var covered = {};
        var maxCol = 0;
        b.rows.forEach(function (r) { r.cells.forEach(function (c) { maxCol = Math.max(maxCol, c.col + c.cs - 1); }); });
        b.rows.forEach(function (r) {
          var tr = el('tr');
          var byCol = {};
          r.cells.forEach(function (c) { byCol[c.col] = c; });
          var rowNo = r.cells.length ? r.cells[0].row : r.index;
          for (var col = 1; col <= maxCol; col++) {
            if (covered[rowNo + ':' + col]) continue;
            var c = byCol[col];
            var td = el('td');
            if (c) {
              td.rowSpan = c.rs;
              td.colSpan = c.cs;
              for (var i = 0; i < c.rs; i++) for (var j = 0; j < c.cs; j++) if (i || j) covered[(rowNo + i) + ':' + (col + j)] = true;
              drawBlocks(c.blocks, td, places);
              register(c.loc, td);
            }
            tr.appendChild(td);
          }
          table.appendChild(tr);
        });
        into.appendChild(table);
        if (b.more_rows) into.appendChild(el('p', 'pv-more', T[lang].moreRows(b.more_rows)));
      } else if (b.type === 'more') {
        into.appendChild(el('p', 'pv-more', T[lang].more));
      }
    });
  }

  // Draw the preview once; returns a promise of the places by key.
  function loadPreview(box, f, ds) {
    if (box.previewPlaces) return box.previewPlaces;
    var pv = box.querySelector('details.preview');
    var doc = el('div', 'pv-doc', T[lang].checking);
    pv.appendChild(doc);
    box.previewPlaces = engine.preview(lastFiles, f.path).then(function (j) {
      doc.textContent = '';
      var places = {};
      drawBlocks(j.blocks, doc, places);
      j.stories.forEach(function (st) {
        if (!st.blocks.length) return;
        doc.appendChild(el('h4', 'pv-story', T[lang].story[st.kind] || st.kind));
        drawBlocks(st.blocks, doc, places);
      });
      ds.forEach(function (d, i) {
        var node = null;
        keys(d.location).some(function (k) { node = places[k]; return !!node; });
        if (!node) return;
        node.classList.add('pv-mark', d.severity);
        var badge = el('button', 'pv-badge ' + d.severity, d.code);
        badge.type = 'button';
        badge.title = d.message;
        badge.addEventListener('click', function () {
          var item = box.querySelectorAll('.finding')[i];
          if (item) { item.scrollIntoView({ block: 'center' }); flash(item); }
        });
        node.insertBefore(badge, node.firstChild);
        d.node = node;
      });
      return places;
    }).catch(function (e) { doc.classList.add('pv-error'); doc.textContent = T[lang].failed + (e.message || e); return {}; });
    return box.previewPlaces;
  }

  function flash(node) {
    node.classList.add('flash');
    setTimeout(function () { node.classList.remove('flash'); }, 1600);
  }

  function showInDocument(box, f, ds, i) {
    var pv = box.querySelector('details.preview');
    pv.open = true;
    loadPreview(box, f, ds).then(function () {
      var node = ds[i].node;
      if (node) { node.scrollIntoView({ block: 'center' }); flash(node); }
    });
  }

  // An old report onto the current template: what was carried over and
  // what must be answered afresh are shown first; the new file on OK.
  function migrate(path) {
    engine.migrate(lastFiles, path).then(function (m) {
      var s = m.summary;
      var list = $('migrate-list');
      list.textContent = '';
      $('migrate-title').textContent = path + ' — ' + T[lang].migrateTitle(s.from, s.placed.length);
      function section(title, items, text) {
        if (!items.length) return;
        list.appendChild(el('h3', null, title));
        var ul = el('ul');
        items.forEach(function (x) { ul.appendChild(el('li', null, text(x))); });
        list.appendChild(ul);
      }
      section(T[lang].fresh, s.fresh_answers, function (c) { return '(' + c.item + ') ' + c.what; });
      section(T[lang].wording, s.wording_updates, function (c) { return '(' + c.item + ') ' + c.what; });
      section(T[lang].notPlaced, s.not_placed, function (n) { return (n.label || n.field) + '：' + n.value + '（' + n.reason + '）'; });
      section(T[lang].placed, s.placed, function (p) { return (p.label || p.field) + '：' + p.value.slice(0, 60) + ' [' + p.place + ']'; });
      $('migrate-save').onclick = function () { $('migrate').close(); m.get().then(save).catch(failed); };
      $('migrate').showModal();
    }).catch(failed);
  }

  // --- last year's filled form onto this year's template -------------------
  function picked() {
    var out = [];
    [['filled', 'carry-filled'], ['to', 'carry-to'], ['from', 'carry-from'], ['map', 'carry-map']].forEach(function (x) {
      var f = $(x[1]).files[0];
      if (f) out.push({ role: x[0], file: f });
    });
    return out;
  }

  function table(heads, rows) {
    var t = el('table');
    var tr = el('tr');
    heads.forEach(function (h) { tr.appendChild(el('th', null, h)); });
    t.appendChild(tr);
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c) {
        var td = el('td');
        if (c instanceof Node) td.appendChild(c); else td.textContent = c;
        row.appendChild(td);
      });
      t.appendChild(row);
    });
    return t;
  }

  function showCarry(m) {
    var s = m.summary;
    var L = T[lang];
    var list = $('carry-list');
    list.textContent = '';
    $('carry-status').textContent = L.carryDone(s.counts);
    function heading(text, cls) { list.appendChild(el('h3', cls, text)); }
    if (s.unplaced.length) {
      heading(L.carryUnplaced + '：' + s.unplaced.length, 'error');
      list.appendChild(table([L.colOld, L.colValue, L.colWhere, L.colReason], s.unplaced.map(function (u) {
        return [u.old_label, u.value, u.old_place_text, u.reason];
      })));
    } else list.appendChild(el('p', 'ok', L.carryNone));
    var fresh = s.to_fill.filter(function (f) { return f.new_field; });
    if (fresh.length) {
      heading(L.carryNew + '：' + fresh.length, 'todo');
      list.appendChild(table([L.colField, L.colWhere], fresh.map(function (f) { return [f.label, f.place_text]; })));
    }
    if (s.changed_wording.length) {
      heading(L.carryWording + '：' + s.changed_wording.length, 'todo');
      var ul = el('ul');
      s.changed_wording.forEach(function (w) { ul.appendChild(el('li', null, w)); });
      list.appendChild(ul);
    }
    heading(L.carryPlaced + '：' + s.placed.length);
    list.appendChild(table([L.colOld + ' → ' + L.colNew, L.colValue, L.colWhere], s.placed.map(function (p) {
      var value = el('span', null, p.new_value);
      if (p.review) {
        value = el('span');
        value.appendChild(el('span', null, p.new_value));
        value.appendChild(el('div', 'review', p.review));
      }
      var label = p.old_label === p.new_label ? p.new_label : p.old_label + ' → ' + p.new_label;
      return [label, value, p.old_place_text + ' → ' + p.new_place_text];
    })));
    if (s.counts.left_blank) list.appendChild(el('p', null, L.carryBlank(s.counts.left_blank)));
    $('carry-save').onclick = function () { m.get().then(save).catch(function (e) { $('carry-status').textContent = L.carryFailed + (e.message || e); }); };
    $('carry-report').hidden = false;
  }

  function carry() {
    var files = picked();
    var roles = files.map(function (p) { return p.role; });
    $('carry-report').hidden = true;
    if (roles.indexOf('filled') < 0 || roles.indexOf('to') < 0) { $('carry-status').textContent = T[lang].carryNeed; return; }
    $('carry-status').textContent = T[lang].carrying;
    engine.carry(files).then(showCarry).catch(function (e) {
      $('carry-status').textContent = T[lang].carryFailed + (e && e.message ? e.message : e);
    });
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
      .then(function (list) { list.forEach(function (d) { if (!formNames[d.id]) formNames[d.id] = d; formNames[d.id + '@' + d.version] = d; }); })
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
    $('csv').addEventListener('click', function () { download('csv'); setTimeout(function () { download('findings-csv'); }, 300); });
    ['f-error', 'f-warning', 'f-info', 'f-code'].forEach(function (id) { $(id).addEventListener('change', applyFilters); });
    $('explain-close').addEventListener('click', function () { $('explain').close(); });
    $('fix-cancel').addEventListener('click', function () { $('fix').close(); });
    $('migrate-cancel').addEventListener('click', function () { $('migrate').close(); });
    $('carry-run').addEventListener('click', carry);
  });
})();
