// parsePdf / pdfText (cargo feature `pdf`, in the npm package and the web
// page): PDF files read from the page geometry by jixiao-pdf.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jixiao, fixture, fixtureBytes, schema, sumDecimals, thrown } from './helpers.mjs';
import Ajv2020 from 'ajv/dist/2020.js';

const PDF = 'layouts/sample-lo/sample-lo.pdf';
const CODES = ['pdf-not-pdf', 'pdf-damaged', 'pdf-encrypted', 'pdf-limit', 'pdf-unsupported'];

test('parsePdf and pdfText are exported', () => {
  assert.equal(typeof jixiao.parsePdf, 'function');
  assert.equal(typeof jixiao.pdfText, 'function');
});

test('the sample PDF reads as the text sample: 30 forms, 177 indicators, 499010781.00', () => {
  const doc = jixiao.parsePdf(fixtureBytes(PDF));
  assert.equal(doc.schema_version, 1);
  assert.equal(doc.layout, 'grid');
  assert.equal(doc.forms.length, 30);
  assert.equal(doc.forms.reduce((n, f) => n + f.indicators.length, 0), 177);
  const totals = doc.forms.map((f) => f.funding.annual_total);
  assert.ok(totals.every((t) => typeof t === 'string'), 'decimals are strings');
  assert.equal(sumDecimals(totals), '499010781.00');
  const text = jixiao.parse(fixture('jingan-hrss-2026.txt'));
  assert.deepEqual(doc.forms.map((f) => f.project.name), text.forms.map((f) => f.project.name));
  assert.deepEqual(doc.forms.map((f) => f.funding), text.forms.map((f) => f.funding));
  assert.ok(!doc.diagnostics.some((d) => d.severity === 'error'));
  const validate = new Ajv2020({ strict: false }).compile(schema);
  assert.ok(validate(doc), JSON.stringify(validate.errors));
});

test('an ArrayBuffer, a Uint8Array view and strict mode give the same document', () => {
  const bytes = fixtureBytes(PDF);
  const doc = jixiao.parsePdf(bytes);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  assert.deepEqual(jixiao.parsePdf(buffer), doc);
  // A view into a bigger buffer: only the viewed bytes are read.
  const padded = new Uint8Array(bytes.length + 8);
  padded.set(bytes, 4);
  assert.deepEqual(jixiao.parsePdf(padded.subarray(4, 4 + bytes.length)), doc);
  assert.deepEqual(jixiao.parsePdf(bytes, { strict: true }), doc);
  assert.deepEqual(jixiao.parsePdf(bytes, null), doc);
});

test('pdfText is the rows the spans count, and parses to the same forms', () => {
  const bytes = fixtureBytes(PDF);
  const doc = jixiao.parsePdf(bytes);
  const text = jixiao.pdfText(bytes);
  const lines = text.split('\n');
  const form = doc.forms[2];
  assert.match(lines[form.span.start_line - 1] + lines[form.span.start_line], /申报表|项目名称/);
  assert.ok(lines.slice(form.span.start_line - 1, form.span.end_line).join('\n').includes('党建经费'));
  const again = jixiao.parse(text, { layout: 'grid' });
  assert.deepEqual(again.forms.map((f) => f.funding), doc.forms.map((f) => f.funding));
  // The document works with the rest of the API like any other.
  assert.equal(toLines(jixiao.toCsv(doc)).length, 1 + 177);
  assert.equal(jixiao.parse(jixiao.render(doc)).forms.length, 30);
  assert.ok(Array.isArray(jixiao.check(doc)));
});

function toLines(csv) {
  return csv.trimEnd().split('\n');
}

test('a file that is not a PDF throws pdf-not-pdf', () => {
  const bytes = new TextEncoder().encode('项目名称\t党建经费\n');
  const err = thrown(() => jixiao.parsePdf(bytes));
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'JixiaoError');
  assert.equal(err.code, 'pdf-not-pdf');
  assert.equal(err.line, null);
  assert.equal(err.column, null);
  assert.deepEqual(err.diagnostics, []);
  assert.match(err.message, /^error\[pdf-not-pdf\]: /);
  assert.equal(thrown(() => jixiao.pdfText(bytes)).code, 'pdf-not-pdf');
});

test('a truncated PDF throws pdf-damaged', () => {
  // A download cut off after 10,000 bytes: no pages, no cross-references.
  const cut = fixtureBytes(PDF).slice(0, 10_000);
  assert.equal(thrown(() => jixiao.parsePdf(cut)).code, 'pdf-damaged');
});

test('every failure has one of the documented codes', () => {
  const bytes = fixtureBytes(PDF);
  for (const input of [new Uint8Array(0), new TextEncoder().encode('%PDF-1.7\n'), bytes.slice(0, 100)]) {
    const err = thrown(() => jixiao.parsePdf(input));
    assert.ok(CODES.includes(err.code), err.code);
  }
});

test('misuse: not bytes, bad options', () => {
  assert.equal(thrown(() => jixiao.parsePdf('%PDF-1.7')).code, 'invalid-input');
  assert.equal(thrown(() => jixiao.parsePdf([37, 80, 68, 70])).code, 'invalid-input');
  assert.equal(thrown(() => jixiao.pdfText(undefined)).code, 'invalid-input');
  const bytes = fixtureBytes(PDF);
  assert.equal(thrown(() => jixiao.parsePdf(bytes, { layout: 'tab' })).code, 'invalid-options');
});

test('parse() reads bytes that start with %PDF- as parsePdf does', () => {
  const bytes = fixtureBytes(PDF);
  const doc = jixiao.parsePdf(bytes);
  assert.deepEqual(jixiao.parse(bytes), doc);
  assert.deepEqual(jixiao.parse(bytes, { layout: 'grid', strict: true }), doc);
  assert.equal(thrown(() => jixiao.parse(bytes, { layout: 'tab' })).code, 'invalid-options');
  assert.equal(thrown(() => jixiao.parse(bytes.slice(0, 10_000))).code, 'pdf-damaged');
  // A string is always text, even one that starts like a PDF.
  assert.equal(jixiao.parse('%PDF-1.7\n财政项目支出绩效目标申报表\n项目名称\t示例').forms[0].project.name, '示例');
});
