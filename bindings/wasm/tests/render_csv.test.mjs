import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jixiao, fixture, sumDecimals, thrown } from './helpers.mjs';

const SAMPLE = fixture('jingan-hrss-2026.txt');

/** A minimal RFC 4180 reader. */
function readCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  return rows;
}

test('render gives back text that parses to the same forms', () => {
  const doc = jixiao.parse(SAMPLE);
  const again = jixiao.parse(jixiao.render(doc));
  assert.equal(again.forms.length, 30);
  for (let i = 0; i < 30; i++) {
    assert.deepEqual(again.forms[i].project, doc.forms[i].project);
    assert.deepEqual(again.forms[i].funding, doc.forms[i].funding);
    assert.equal(again.forms[i].indicators.length, doc.forms[i].indicators.length);
  }
});

test('toCsv: one row per indicator, project and funding columns, exact decimals', () => {
  const doc = jixiao.parse(SAMPLE);
  const rows = readCsv(jixiao.toCsv(doc));
  const [header, ...body] = rows;
  assert.equal(body.length, 177);
  assert.ok(rows.every((r) => r.length === header.length));
  const col = (name) => header.indexOf(name);
  for (const name of ['form', 'project_name', 'annual_total', 'level1', 'level2', 'indicator', 'target_value']) {
    assert.ok(col(name) >= 0, name);
  }
  // One annual total per form (first row of each form), summed exactly.
  const perForm = new Map(body.map((r) => [r[col('form')], r[col('annual_total')]]));
  assert.equal(perForm.size, 30);
  assert.equal(sumDecimals([...perForm.values()]), '499010781.00');
  const row = body.find((r) => r[col('target_raw')] === '≤130.00(元/人/天)');
  assert.equal(row[col('project_name')], '党建经费');
  assert.equal(row[col('form')], '2'); // the third form: 0-based, as in diagnostics
  assert.equal(row[col('funding_unit')], '元');
  assert.equal(row[col('annual_total')], '200000.00');
  assert.equal(row[col('target_value')], '130.00');
  assert.equal(row[col('target_cmp')], '<=');
});

test('render and toCsv reject what is not a document', () => {
  assert.equal(thrown(() => jixiao.render({})).code, 'invalid-document');
  assert.equal(thrown(() => jixiao.toCsv('text')).code, 'invalid-document');
});
