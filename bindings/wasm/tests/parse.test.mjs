import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jixiao, fixture, fixtureBytes, sumDecimals, thrown } from './helpers.mjs';

const SAMPLE = fixture('jingan-hrss-2026.txt');
const DAMAGED = fixture('damaged-amount-utf16.txt');

test('the sample: 30 forms, 177 indicators, annual totals 499010781.00 exactly', () => {
  const doc = jixiao.parse(SAMPLE);
  assert.equal(doc.schema_version, 1);
  assert.equal(doc.title, '上海市静安区人力资源和社会保障局 2026 年度项目绩效目标汇总表');
  assert.equal(doc.forms.length, 30);
  assert.equal(doc.forms.reduce((n, f) => n + f.indicators.length, 0), 177);
  const totals = doc.forms.map((f) => f.funding.annual_total);
  assert.ok(totals.every((t) => typeof t === 'string'), 'decimals are strings');
  assert.equal(sumDecimals(totals), '499010781.00');
  assert.ok(!doc.diagnostics.some((d) => d.severity === 'error'));
});

test('the layout is detected: pdftotext -layout text reads to the same 30 forms', () => {
  assert.equal(jixiao.parse(SAMPLE).layout, 'tab');
  const text = fixture('layouts/sample-a/sample-a.layout.txt');
  const doc = jixiao.parse(text);
  assert.equal(doc.layout, 'spaced');
  assert.equal(doc.forms.length, 30);
  assert.equal(doc.forms.reduce((n, f) => n + f.indicators.length, 0), 177);
  assert.equal(sumDecimals(doc.forms.map((f) => f.funding.annual_total)), '499010781.00');
  const names = jixiao.parse(SAMPLE).forms.map((f) => f.project.name);
  assert.deepEqual(doc.forms.map((f) => f.project.name), names);
  // Forced, detected and from bytes agree; strict passes it.
  assert.deepEqual(jixiao.parse(text, { layout: 'spaced' }), doc);
  assert.deepEqual(jixiao.parse(text, { layout: 'auto' }), doc);
  assert.deepEqual(jixiao.parse(fixtureBytes('layouts/sample-a/sample-a.layout.txt')), doc);
  assert.equal(jixiao.parse(text, { layout: 'spaced', strict: true }).forms.length, 30);
  // Other layouts can be forced.
  assert.equal(jixiao.parse(SAMPLE, { layout: 'grid' }).layout, 'grid');
  assert.equal(jixiao.parse(text, { layout: 'tab' }).layout, 'tab');
  assert.equal(jixiao.parse(fixture('layouts/sample-a/sample-a.plumber-text.txt')).layout, 'flow');
  assert.equal(jixiao.parse(fixture('layouts/sample-a/sample-a.raw.txt')).layout, 'plain');
  assert.equal(jixiao.parse(SAMPLE, { layout: 'plain' }).layout, 'plain');
});

test('strict with a forced layout throws like the detected one', () => {
  const e = thrown(() => jixiao.parse(DAMAGED, { layout: 'tab', strict: true }));
  assert.equal(e.code, 'invalid-amount');
  assert.equal(e.columnUtf16, 31);
  assert.match(e.message, /--> line 10, column 30/);
  assert.equal(e.document.layout, 'tab');
  const eb = thrown(() =>
    jixiao.parse(new TextEncoder().encode('hello'), { layout: 'spaced', strict: true }),
  );
  assert.equal(eb.code, 'no-forms');
  assert.equal(eb.document.layout, 'spaced');
});

test('a form reads as the contract says', () => {
  const form = jixiao.parse(SAMPLE).forms[2];
  assert.equal(form.year, 2026);
  assert.equal(form.project.name, '党建经费');
  assert.equal(form.project.start_date, '2026-01-01');
  assert.equal(form.funding.unit, '元');
  assert.equal(form.funding.annual_total, '200000.00');
  assert.equal(form.funding.project_total, null);
  const first = form.indicators[0];
  assert.equal(first.level1, '成本指标');
  assert.deepEqual(first.target, {
    raw: '≤130.00(元/人/天)',
    kind: 'quantitative',
    cmp: '<=',
    value: '130.00',
    unit: '元/人/天',
    text: null,
  });
});

test('bytes parse like the string, BOM included', () => {
  const fromText = jixiao.parse(SAMPLE);
  assert.deepEqual(jixiao.parse(fixtureBytes('jingan-hrss-2026.txt')), fromText);
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...fixtureBytes('jingan-hrss-2026.txt')]);
  assert.equal(jixiao.parse(bom).forms.length, 30);
});

test('damaged text: lenient parse keeps both forms and reports the bad amount', () => {
  const doc = jixiao.parse(DAMAGED);
  assert.equal(doc.forms.length, 2);
  assert.equal(doc.forms[0].project.name, '残疾人就业保障金');
  assert.equal(doc.forms[0].funding.annual_total, null);
  assert.equal(doc.forms[1].funding.annual_total, '1900.00');
  assert.equal(doc.forms.reduce((n, f) => n + f.indicators.length, 0), 10);
  const err = doc.diagnostics.find((d) => d.severity === 'error');
  assert.equal(err.code, 'invalid-amount');
  assert.equal(err.form, 0);
  assert.deepEqual(
    [err.span.start_line, err.span.start_col, err.span.start_col_utf16, err.span.end_col_utf16],
    [10, 30, 31, 40],
  );
  // The UTF-16 columns index the JavaScript string directly ("𠀀" is two code units).
  const line = DAMAGED.split('\n')[err.span.start_line - 1];
  assert.equal(line.slice(err.span.start_col_utf16 - 1, err.span.end_col_utf16), '10x,026.00');
  assert.ok(doc.diagnostics.some((d) => d.code === 'unknown-money-unit'));
});

test('strict mode throws a JixiaoError with code, line, column and UTF-16 column', () => {
  const e = thrown(() => jixiao.parse(DAMAGED, { strict: true }));
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'JixiaoError');
  assert.equal(e.code, 'invalid-amount');
  assert.equal(e.line, 10);
  assert.equal(e.column, 30);
  assert.equal(e.columnUtf16, 31);
  assert.match(e.message, /^error\[invalid-amount\]/);
  assert.match(e.message, /--> line 10, column 30/);
  assert.equal(e.diagnostics.length, 1);
  assert.equal(e.diagnostics[0].code, 'invalid-amount');
  assert.equal(e.document.forms.length, 2, 'what could be read comes along');
  // The same text from bytes fails the same way.
  const eb = thrown(() =>
    jixiao.parse(new TextEncoder().encode(DAMAGED), { strict: true }),
  );
  assert.equal(eb.code, 'invalid-amount');
  assert.equal(eb.columnUtf16, 31);
});

test('strict mode passes the sample', () => {
  assert.equal(jixiao.parse(SAMPLE, { strict: true }).forms.length, 30);
  assert.equal(jixiao.parse(SAMPLE, {}).forms.length, 30);
  assert.equal(jixiao.parse(SAMPLE, null).forms.length, 30);
  assert.equal(jixiao.parse(SAMPLE, undefined).forms.length, 30);
});

test('no forms at all is an error only in strict mode', () => {
  const doc = jixiao.parse('hello');
  assert.equal(doc.forms.length, 0);
  assert.equal(doc.diagnostics[0].code, 'no-forms');
  const e = thrown(() => jixiao.parse('hello', { strict: true }));
  assert.equal(e.code, 'no-forms');
});

test('bytes that are not UTF-8 throw invalid-utf8 with both column kinds', () => {
  const prefix = new TextEncoder().encode('第一行\n𠀀项');
  const bytes = new Uint8Array([...prefix, 0xff]);
  const e = thrown(() => jixiao.parse(bytes));
  assert.equal(e.code, 'invalid-utf8');
  assert.equal(e.line, 2);
  assert.equal(e.column, 3);
  assert.equal(e.columnUtf16, 4);
  assert.match(e.message, /offset 17/);
});

test('misuse is reported with its own codes', () => {
  assert.equal(thrown(() => jixiao.parse(42)).code, 'invalid-input');
  assert.equal(thrown(() => jixiao.parse(SAMPLE, { strcit: true })).code, 'invalid-options');
  assert.equal(thrown(() => jixiao.parse(SAMPLE, { strict: 'yes' })).code, 'invalid-options');
  const bad = thrown(() => jixiao.parse(SAMPLE, { layout: 'pdf' }));
  assert.equal(bad.code, 'invalid-options');
  assert.match(bad.message, /auto.*tab.*grid.*spaced.*plain/);
});

test('version matches the package', async () => {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.equal(jixiao.version(), pkg.version);
});
