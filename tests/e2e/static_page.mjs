// The static page (scripts/build_page.sh → dist/page) in a real browser,
// opened from file:// with every request that would leave the page
// refused. Usage: node static_page.mjs PAGE_DIR EXPECTED.json OUT_DIR [YEAR_DIR]
// EXPECTED.json: { "<set dir>": { "files": [paths], "findings": [[file name, code], …] } }
// as the CLI found them. For each set the files are chosen in the page and
// its findings read back; then an annotated copy and a fixed copy are
// downloaded; with YEAR_DIR (filled_1.*, new.*, old.* of
// tests/fixtures/nextyear) last year's form is carried onto this year's
// template and saved as OUT_DIR/static_carried.*. Writes OUT_DIR/static_page.json (timings, memory, requests)
// and screenshots. Exit 0 when all held.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [pageDir, expectedPath, out, yearDir] = process.argv.slice(2);
const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
mkdirSync(out, { recursive: true });
const problems = [];
const fail = (msg) => problems.push(msg);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const requests = [];
const refused = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  // Only the page's own files may load; anything else is refused and noted.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const t0 = Date.now();
  await page.goto('file://' + join(pageDir, 'index.html'));
  await page.evaluate(() => window.YoshikiWasm.ready);
  const loadMs = Date.now() - t0;
  const timings = {};
  let marked = 0;
  for (const [set, want] of Object.entries(expected)) {
    await page.evaluate(() => { document.getElementById('status').textContent = ''; document.getElementById('results').textContent = ''; });
    const start = Date.now();
    await page.setInputFiles('#files', want.files);
    await page.waitForFunction(() => /ファイルを確認しました|確認できませんでした/.test(document.getElementById('status').textContent), null, { timeout: 120000 });
    timings[set] = Date.now() - start;
    const status = await page.textContent('#status');
    if (!/ファイルを確認しました/.test(status)) { fail(set + ': ' + status); continue; }
    const seen = await page.$$eval('article.file', (arts) => arts.flatMap((a) => {
      const file = a.querySelector('h2').textContent.split('/').pop();
      return Array.from(a.querySelectorAll('.finding')).map((f) => [file, f.querySelector('button.code').textContent, (f.querySelector('.place') || {}).textContent || '']);
    }));
    const got = seen.map(([f, c]) => f + ' ' + c).sort();
    const exp = want.findings.map(([f, c]) => f + ' ' + c).sort();
    if (JSON.stringify(got) !== JSON.stringify(exp)) fail(set + ': page ' + JSON.stringify(got) + ' ≠ CLI ' + JSON.stringify(exp));
    for (const [f, c, place] of seen) {
      if (want.placed.some(([pf, pc]) => pf === f && pc === c) && !place) fail(set + ': ' + f + ' ' + c + ' shows no place');
    }
    // Each file drawn in the page, with its findings marked in place.
    for (const art of await page.$$('article.file')) {
      const summary = await art.$('details.preview summary');
      if (!summary) continue;
      await summary.click();
      await art.waitForSelector('.pv-doc .pv-p, .pv-doc table, .pv-doc.pv-error', { timeout: 60000 });
      const file = (await (await art.$('h2')).textContent()).split('/').pop();
      const badges = await art.$$eval('.pv-badge', (bs) => bs.map((b) => b.textContent));
      for (const [pf, pc] of want.marked) if (pf === file && !badges.includes(pc)) fail(set + ': ' + file + ' ' + pc + ' not marked in the preview');
      marked += badges.length;
    }
    if (set.endsWith('crossdoc')) {
      await page.screenshot({ path: join(out, 'static_findings.png'), fullPage: true });
      const go = await page.$('.finding button.goto');
      await go.click();
      await page.waitForSelector('.pv-mark.flash');
      await page.screenshot({ path: join(out, 'static_preview.png') });
    }
  }
  // The annotated copy of a Word file of the last set with findings.
  const annotate = await page.$('article.file button.annotate');
  if (!annotate) fail('no annotate button');
  else {
    const [dl] = await Promise.all([page.waitForEvent('download'), annotate.click()]);
    if (!dl.suggestedFilename().includes('指摘付き')) fail('annotated name: ' + dl.suggestedFilename());
    await dl.saveAs(join(out, 'static_annotated' + dl.suggestedFilename().replace(/^.*(\.[a-z]+)$/, '$1')));
  }
  // A fixed copy: the changes are listed before the download.
  const fixSet = Object.entries(expected).find(([, w]) => w.fixable);
  if (fixSet) {
    await page.evaluate(() => { document.getElementById('status').textContent = ''; });
    await page.setInputFiles('#files', fixSet[1].files);
    await page.waitForFunction(() => /ファイルを確認しました/.test(document.getElementById('status').textContent), null, { timeout: 120000 });
    const fix = await page.$('article.file button.fix');
    if (!fix) fail('no fix button for ' + fixSet[0]);
    else {
      await fix.click();
      await page.waitForSelector('#fix[open]');
      const items = await page.$$eval('#fix-list li', (lis) => lis.map((l) => l.textContent));
      if (!items.length) fail('fix dialog lists no change');
      await page.screenshot({ path: join(out, 'static_fix.png') });
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#fix-save')]);
      if (!dl.suggestedFilename().includes('修正済み')) fail('fixed name: ' + dl.suggestedFilename());
      await dl.saveAs(join(out, 'static_fixed' + dl.suggestedFilename().replace(/^.*(\.[a-z]+)$/, '$1')));
    }
  } else fail('no set with a safe fix in EXPECTED');
  // An old report carried onto the current template.
  const oldSet = Object.entries(expected).find(([k]) => k.endsWith('r5_report'));
  if (oldSet) {
    await page.evaluate(() => { document.getElementById('status').textContent = ''; });
    await page.setInputFiles('#files', oldSet[1].files);
    await page.waitForFunction(() => /ファイルを確認しました/.test(document.getElementById('status').textContent), null, { timeout: 120000 });
    const mg = await page.$('article.file:has(h2:text-matches("\\.docx$")) button.migrate');
    if (!mg) fail('no migrate button for the r5 report');
    else {
      await mg.click();
      await page.waitForSelector('#migrate[open]');
      const text = await page.textContent('#migrate-list');
      if (!text.includes('改めて記入') || !text.includes('引き継いだ記載')) fail('migrate summary: ' + text.slice(0, 120));
      await page.screenshot({ path: join(out, 'static_migrate.png') });
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#migrate-save')]);
      if (!dl.suggestedFilename().includes('現行様式')) fail('migrated name: ' + dl.suggestedFilename());
      await dl.saveAs(join(out, 'static_migrated.docx'));
    }
  } else fail('no r5_report set');
  // Last year's filled form onto this year's template, in the page's own
  // engine.
  if (yearDir) {
    const ext = readdirSync(yearDir).find((f) => f.startsWith('new.')).split('.').pop();
    await page.click('#carry summary');
    await page.setInputFiles('#carry-filled', join(yearDir, 'filled_1.' + ext));
    await page.setInputFiles('#carry-to', join(yearDir, 'new.' + ext));
    await page.click('#carry-run');
    await page.waitForFunction(() => !document.getElementById('carry-report').hidden || /移せませんでした/.test(document.getElementById('carry-status').textContent), null, { timeout: 120000 });
    const status = await page.textContent('#carry-status');
    if (!/移した値 \d+ 件/.test(status)) fail('carry: ' + status);
    writeFileSync(join(out, 'static_carry_status.txt'), status + '\n');
    await page.locator('#carry').screenshot({ path: join(out, 'static_carry.png') });
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#carry-save')]);
    if (!dl.suggestedFilename().endsWith('_新様式.' + ext)) fail('carried name: ' + dl.suggestedFilename());
    await dl.saveAs(join(out, 'static_carried.' + ext));
  }
  const memory = await page.evaluate(() => window.YoshikiWasm.memoryBytes());
  const heap = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
  if (errors.length) fail('console errors: ' + errors.join(' | '));
  const outside = requests.filter((u) => !/^(file|data|blob):/.test(u));
  if (outside.length || refused.length) fail('requests left the page: ' + outside.concat(refused).join(', '));
  writeFileSync(join(out, 'static_page.json'), JSON.stringify({ load_ms: loadMs, set_ms: timings, wasm_memory_bytes: memory, js_heap_bytes: heap, marked, requests: requests.length, outside: outside.length }, null, 1));
} finally {
  await browser.close();
}
if (problems.length) { console.error('FAIL:\n' + problems.join('\n')); process.exit(1); }
console.log('ok');
