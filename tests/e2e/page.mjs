// The self-check page in a real browser: Debian's chromium driven by
// playwright-core. Usage: node page.mjs YOSHIKI_BINARY SAMPLES_DIR OUT_DIR
// Starts `yoshiki serve --port 0`, chooses the files of a sample set with
// planted mistakes, checks that the findings show with their places,
// opens a rule's explanation, downloads the intake report, carries last
// year's filled form onto this year's template (tests/fixtures/nextyear),
// switches to English, and writes screenshots into OUT_DIR. Exit 0 when
// all held.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [bin, samples, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const server = spawn(bin, ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => {
    const m = String(d).match(/http:\/\/[^ ]+\//);
    if (m) resolve(m[0]);
  });
  server.on('exit', () => reject(new Error('serve exited')));
});
const fail = (msg) => { console.error('FAIL: ' + msg); server.kill(); process.exit(1); };
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.screenshot({ path: join(out, 'page_start.png') });
  const set = join(samples, 'mistakes', 'crossdoc');
  const files = readdirSync(set).filter((f) => f.endsWith('.docx')).map((f) => join(set, f));
  await page.setInputFiles('#files', files);
  await page.waitForSelector('.finding', { timeout: 30000 });
  const text = await page.textContent('#results');
  for (const want of ['XD001', 'XD002', '件名', '様式２ 企画提案書（r8）']) if (!text.includes(want)) fail('result lacks ' + want);
  const status = await page.textContent('#status');
  if (!/ファイルを確認しました/.test(status)) fail('status: ' + status);
  if (!(await page.$('mark'))) fail('no excerpt with the offending text marked');
  await page.screenshot({ path: join(out, 'page_findings.png'), fullPage: true });
  // The explanation of a code.
  await page.click('.finding button.code');
  await page.waitForSelector('#explain[open]');
  const doc = await page.textContent('#explain-text');
  if (!doc.includes('何を調べるか') && !doc.includes('What it checks')) fail('explain: ' + doc.slice(0, 80));
  await page.screenshot({ path: join(out, 'page_explain.png') });
  await page.click('#explain-close');
  // A copy of the 企画提案書 with the findings as Word comments.
  const [annotated] = await Promise.all([
    page.waitForEvent('download'),
    page.click('article:has-text("02_様式2_企画提案書.docx") button.annotate'),
  ]);
  if (!annotated.suggestedFilename().includes('指摘付き')) fail('annotated name: ' + annotated.suggestedFilename());
  await annotated.saveAs(join(out, 'annotated.docx'));
  // The intake report.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#xlsx')]);
  await download.saveAs(join(out, 'intake.xlsx'));
  // A finding shown in the document preview, and back.
  await page.click('article:has-text("02_様式2_企画提案書.docx") .finding button.goto');
  await page.waitForSelector('article:has-text("02_様式2_企画提案書.docx") .pv-mark.flash');
  await page.screenshot({ path: join(out, 'page_preview.png') });
  await page.click('article:has-text("02_様式2_企画提案書.docx") .pv-badge');
  // Intake: the whole samples/mistakes folder, one row per set, filtered.
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.setInputFiles('#folder', join(samples, 'mistakes'));
  await page.waitForFunction(() => /ファイルを確認しました/.test(document.getElementById('status').textContent), null, { timeout: 120000 });
  const sets = readdirSync(join(samples, 'mistakes'), { withFileTypes: true }).filter((d) => d.isDirectory()).length;
  const rows = await page.$$eval('#sets-table tbody tr', (trs) => trs.map((t) => t.textContent));
  if (rows.length !== sets) fail('intake rows ' + rows.length + ' ≠ sets ' + sets);
  if (!rows.some((r) => r.startsWith('mistakes/sum002') && r.includes('SUM002'))) fail('no sum002 row with SUM002: ' + rows.join(' | '));
  await page.selectOption('#f-code', 'SUM002');
  const shown = await page.$$eval('#results .finding:not([hidden]) button.code', (bs) => bs.map((b) => b.textContent));
  if (!shown.length || shown.some((c) => c !== 'SUM002')) fail('code filter shows ' + shown.join(','));
  await page.screenshot({ path: join(out, 'page_intake.png'), fullPage: false });
  await page.selectOption('#f-code', '');
  await page.uncheck('#f-error');
  const noErrors = await page.$$eval('#results .finding.error:not([hidden])', (bs) => bs.length);
  if (noErrors) fail('severity filter left ' + noErrors + ' errors');
  await page.check('#f-error');
  // Last year's filled form onto this year's template, with last year's
  // template: the report, then the file.
  const year = join(samples, '..', 'tests', 'fixtures', 'nextyear', 'gaiyo');
  await page.click('#carry summary');
  await page.click('#carry-run');
  const need = await page.textContent('#carry-status');
  if (!need.includes('両方を選んで')) fail('carry without files: ' + need);
  await page.setInputFiles('#carry-filled', join(year, 'filled_1.docx'));
  await page.setInputFiles('#carry-to', join(year, 'new.docx'));
  await page.setInputFiles('#carry-from', join(year, 'old.docx'));
  await page.click('#carry-run');
  await page.waitForSelector('#carry-report:not([hidden])', { timeout: 60000 });
  const carried = await page.textContent('#carry');
  for (const want of ['移した値', '今年度の項目', '新しく記入が必要な欄', '文言が変わった箇所', '経常損益｜前年度 → 経常利益｜前年度', '千円 に換算しました']) {
    if (!carried.includes(want)) fail('carry report lacks ' + want);
  }
  const carryStatus = await page.textContent('#carry-status');
  writeFileSync(join(out, 'carry_status.txt'), carryStatus + '\n');
  await page.locator('#carry').screenshot({ path: join(out, 'page_carry.png') });
  const [moved] = await Promise.all([page.waitForEvent('download'), page.click('#carry-save')]);
  if (!moved.suggestedFilename().endsWith('_新様式.docx')) fail('carried name: ' + moved.suggestedFilename());
  await moved.saveAs(join(out, 'carried.docx'));
  // English.
  await page.click('#lang');
  await page.waitForFunction(() => /Checked \d+ file/.test(document.getElementById('status').textContent));
  await page.screenshot({ path: join(out, 'page_english.png'), fullPage: true });
  // Keyboard: the drop zone is reachable with Tab.
  const focusable = await page.evaluate(() => document.getElementById('drop').tabIndex === 0);
  if (!focusable) fail('drop zone not keyboard reachable');
  if (errors.length) fail('console errors: ' + errors.join(' | '));
  writeFileSync(join(out, 'ok.txt'), 'ok\n');
  console.log('page ok: ' + url);
} finally {
  await browser.close();
  server.kill();
}
