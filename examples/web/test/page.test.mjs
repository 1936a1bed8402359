// Browser test of the page: Debian's Chromium driven by playwright-core (no
// browser download), the page served from this folder by serve.mjs.
// Screenshots go to artifacts/web/ at the repository root (gitignored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const artifacts = `${root}artifacts/web`;
const fixture = (name) => readFileSync(`${root}crates/jixiao/fixtures/${name}`, 'utf8');

let server;
let browser;
let page;
const problems = [];

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await serve();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the parser loads in a Web Worker, with application/wasm', async () => {
  assert.equal(page.workers().length, 1);
  const type = await page.evaluate(async () => (await fetch('pkg/jixiao_wasm_bg.wasm')).headers.get('content-type'));
  assert.equal(type, 'application/wasm');
  assert.match(await page.textContent('#version'), /^jixiao-wasm \d+\.\d+\.\d+/);
});

test('the sample: 30 forms, 177 indicators, 499,010,781.00 元, chart and tables', async () => {
  await page.click('#load-sample');
  await page.waitForFunction(() => document.querySelector('#form-count').textContent === '30');
  assert.equal(await page.textContent('#indicator-count'), '177');
  assert.equal(await page.textContent('#total'), '499,010,781.00 元');
  assert.equal(await page.locator('#chart svg .bar').count(), 30);
  assert.equal(await page.locator('details.form').count(), 30);
  const categories = await page.locator('#categories tbody tr').count();
  assert.ok(categories >= 2, `per-category rows: ${categories}`);
  // The third form as a table: 党建经费, 200,000.00 元, first indicator ≤130.00(元/人/天).
  const form = page.locator('#form-2');
  assert.match(await form.locator('summary').textContent(), /党建经费.*200,000\.00 元/);
  await form.locator('summary').click();
  assert.equal(await form.locator('table.indicators tbody tr').first().locator('td.target').textContent(), '≤130.00(元/人/天)');
  await form.locator('summary').click();
  assert.match(await page.textContent('#status'), /sample: 30 forms, 0 errors · tab layout/);
  assert.equal(await page.textContent('#layout'), 'tab');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${artifacts}/sample.png`, fullPage: false });
  await page.screenshot({ path: `${artifacts}/sample-full.png`, fullPage: true });
});

test('downloads: CSV (one row per indicator, BOM for spreadsheets) and JSON', async () => {
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\ufeffform,year,project_name'));
  assert.equal(text.trimEnd().split('\r\n').length, 178);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  const doc = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(doc.schema_version, 1);
  assert.equal(doc.forms.length, 30);
});

test('a dropped pdftotext -layout file: the layout is detected and the same 30 forms read', async () => {
  const text = fixture('layouts/sample-a/sample-a.layout.txt');
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'sample-a.layout.txt', { type: 'text/plain' }));
    return dt;
  }, text);
  await page.dispatchEvent('#drop', 'drop', { dataTransfer });
  await page.waitForFunction(() => /^sample-a\.layout\.txt:/.test(document.querySelector('#status').textContent));
  assert.match(await page.textContent('#status'), /sample-a\.layout\.txt: 30 forms, 0 errors · spaced layout/);
  assert.equal(await page.textContent('#form-count'), '30');
  assert.equal(await page.textContent('#indicator-count'), '177');
  assert.equal(await page.textContent('#total'), '499,010,781.00 元');
  assert.equal(await page.textContent('#layout'), 'spaced');
  assert.match(await page.textContent('#layout-hint'), /pdftotext -layout\s+detected/);
  assert.match(await page.locator('#form-2 summary').textContent(), /党建经费.*200,000\.00 元/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${artifacts}/layout.png`, fullPage: false });
  // Forcing the tab layout reads the same text differently, and says so.
  await page.selectOption('#layout-choice', 'tab');
  await page.waitForFunction(() => document.querySelector('#layout').textContent === 'tab');
  assert.match(await page.textContent('#status'), /same text, new layout: .* · tab layout/);
  await page.selectOption('#layout-choice', 'auto');
  await page.waitForFunction(() => document.querySelector('#layout').textContent === 'spaced');
});

test('a dropped damaged text: the error is listed and highlighted in the source', async () => {
  const damaged = fixture('damaged-amount-utf16.txt');
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'damaged.txt', { type: 'text/plain' }));
    return dt;
  }, damaged);
  await page.dispatchEvent('#drop', 'drop', { dataTransfer });
  await page.waitForFunction(() => document.querySelector('#form-count').textContent === '2');
  assert.match(await page.textContent('#status'), /damaged\.txt: 2 forms, 1 errors/);
  // Form 1's amount is unreadable: the total is form 2's alone.
  assert.equal(await page.textContent('#total'), '1,900.00 元');
  const item = page.locator('#diagnostics li[data-code="invalid-amount"]');
  assert.equal(await item.count(), 1);
  assert.match(await item.textContent(), /line 10, column 30 · form 1/);
  await item.click();
  const mark = page.locator('#source #L10 mark.hl');
  // UTF-16 columns put the mark exactly on the bad amount, after the 𠀀 (two code units).
  assert.equal(await mark.textContent(), '10x,026.00');
  assert.ok(await mark.isVisible());
  const [box, view] = [await mark.boundingBox(), await page.locator('#source').boundingBox()];
  assert.ok(box.y >= view.y && box.y + box.height <= view.y + view.height, 'scrolled into view');
  assert.equal(await page.locator('#diagnostics li.active').count(), 1);
  await page.locator('#issues').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${artifacts}/damaged.png`, fullPage: false });
});

const PDF = `${root}crates/jixiao/fixtures/layouts/sample-lo/sample-lo.pdf`;

test('a chosen PDF is read in the worker: the same 30 forms, the rows in the source view', async () => {
  await page.setInputFiles('#file', PDF);
  await page.waitForFunction(() => /^sample-lo\.pdf: /.test(document.querySelector('#status').textContent), null, {
    timeout: 30000,
  });
  assert.match(await page.textContent('#status'), /^sample-lo\.pdf: 30 forms, 0 errors · read from the PDF · parsed in/);
  assert.equal(await page.getAttribute('body', 'data-pdf'), 'true');
  assert.equal(await page.textContent('#form-count'), '30');
  assert.equal(await page.textContent('#indicator-count'), '177');
  assert.equal(await page.textContent('#total'), '499,010,781.00 元');
  assert.equal(await page.textContent('#layout'), 'grid');
  assert.match(await page.textContent('#layout-hint'), /the PDF's tables\s+from sample-lo\.pdf/);
  assert.equal(await page.locator('#chart svg .bar').count(), 30);
  assert.match(await page.locator('#form-2 summary').textContent(), /党建经费.*200,000\.00 元/);
  // The source view and the text box show the rows read from the PDF, tab-separated.
  const source = await page.locator('#source .line').count();
  assert.ok(source > 100, `source lines: ${source}`);
  assert.match(await page.inputValue('#text'), /项目名称\t/);
  // A finding points at a row of the PDF's table, and the mark is on its text.
  const item = page.locator('#diagnostics li.diag').filter({ hasText: /line \d+/ }).first();
  await item.click();
  const line = await page.getAttribute('#source', 'data-highlight');
  const mark = page.locator(`#source #L${line} mark.hl`);
  assert.ok((await mark.textContent()).trim().length > 0, 'the highlighted cell has text');
  assert.ok(await mark.isVisible());
  // A form's lines are the rows of its table.
  await page.locator('#form-2 summary').click();
  await page.locator('#form-2 button.link').click();
  const first = await page.getAttribute('#source', 'data-highlight');
  assert.match(await page.locator(`#source #L${first}`).textContent(), /申报表|项目名称|党建经费/);
  await page.locator('#form-2 summary').click();
  // The downloads are those of any other input.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  assert.equal(readFileSync(await csv.path(), 'utf8').trimEnd().split('\r\n').length, 178);
  // Another profile reads the same PDF again (the page kept its bytes).
  for (const profile of ['CN-101', 'SH-2025+']) {
    const before = await page.getAttribute('body', 'data-parsed');
    await page.selectOption('#profile', profile);
    await page.waitForFunction((before) => document.body.dataset.parsed !== before, before);
    assert.match(await page.textContent('#status'), /^sample-lo\.pdf, new profile: 30 forms, 0 errors · read from the PDF/);
    assert.equal(await page.textContent('#total'), '499,010,781.00 元');
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${artifacts}/pdf.png`, fullPage: false });
});

test('a broken PDF shows a clear error with its code, and the last result stays', async () => {
  const cut = readFileSync(PDF).subarray(0, 10_000);
  await page.setInputFiles('#file', { name: 'cut-off.pdf', mimeType: 'application/pdf', buffer: cut });
  await page.waitForFunction(() => /^cut-off\.pdf: /.test(document.querySelector('#status').textContent));
  assert.match(await page.textContent('#status'), /^cut-off\.pdf: pdf-damaged: /);
  assert.equal(await page.getAttribute('#status', 'class'), 'error');
  assert.equal(await page.textContent('#form-count'), '30');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${artifacts}/pdf-broken.png`, fullPage: false });
  // Dropped text that is named .pdf: the PDF reader says it is not one.
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['项目名称\t党建经费\n'], 'fake.pdf', { type: 'application/pdf' }));
    return dt;
  });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer });
  await page.waitForFunction(() => /^fake\.pdf: /.test(document.querySelector('#status').textContent));
  assert.match(await page.textContent('#status'), /^fake\.pdf: pdf-not-pdf: /);
});

test('no errors in the console or failed requests (no network needed)', () => {
  assert.deepEqual(problems, []);
});
