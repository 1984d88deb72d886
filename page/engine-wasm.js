// The engine in the browser: yoshiki compiled to WebAssembly, run in this
// page. The module comes from yoshiki-wasm.js, which carries it as base64
// so that the page also works opened from a folder (where a page may not
// fetch files); engine-glue.js is wasm-bindgen's glue, wrapped so that a
// fresh copy can be made. Nothing is sent anywhere: the files are read here
// and handed to the module in memory. The request and answer layout is
// documented in web/src/lib.rs.
'use strict';

(function () {
  var compiled = null;
  var engine = null;

  function bytesOfBase64(b64) {
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // A fresh engine: the glue's state and a new instance of the module
  // (compiled once).
  function load() {
    var first = compiled ? Promise.resolve(compiled)
      : WebAssembly.compile(bytesOfBase64(window.YOSHIKI_WASM_BASE64 || '')).then(function (m) { compiled = m; return m; });
    return first.then(function (m) {
      var glue = window.YoshikiGlue();
      return glue({ module_or_path: m }).then(function () { engine = glue; });
    });
  }

  var ready = load();

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
  }

  // One call: header (an object) and files ([{name, bytes: Uint8Array}]).
  function callNow(header, files) {
    header.as_of = header.as_of || today();
    header.files = files.map(function (f) { return { name: f.name, size: f.bytes.length, role: f.role }; });
    var head = new TextEncoder().encode(JSON.stringify(header));
    var total = 4 + head.length;
    files.forEach(function (f) { total += f.bytes.length; });
    var req = new Uint8Array(total);
    new DataView(req.buffer).setUint32(0, head.length, true);
    req.set(head, 4);
    var at = 4 + head.length;
    files.forEach(function (f) { req.set(f.bytes, at); at += f.bytes.length; });
    var out = engine.call(req);
    var metaLen = new DataView(out.buffer, out.byteOffset).getUint32(0, true);
    var meta = JSON.parse(new TextDecoder().decode(out.subarray(4, 4 + metaLen)));
    return { ok: !meta.error, meta: meta, payload: out.subarray(4 + metaLen) };
  }

  function call(header, files) {
    return ready.then(function () {
      try {
        return callNow(header, files);
      } catch (e) {
        // A trap (a bug, or memory exhausted) leaves the module unusable:
        // make a fresh one for the next call and report this one.
        ready = load();
        return { ok: false, meta: { error: 'ページ内の確認処理が停止しました（' + e + '）。ファイルを分けて確かめてください。', error_en: 'the checker stopped: ' + e }, payload: new Uint8Array(0) };
      }
    });
  }

  // Bytes of the module's memory (for the measurements in docs/benchmarks.md).
  function memoryBytes() { return engine ? engine.memory_bytes() : 0; }

  window.YoshikiWasm = { ready: ready, call: call, memoryBytes: memoryBytes };
})();
