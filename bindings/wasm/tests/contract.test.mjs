// The TypeScript types are generated from the JSON Schema; these tests keep the
// two joints honest: the checked-in types match the schema, and what the
// package returns matches the schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { jixiao, fixture, schema, thrown } from './helpers.mjs';

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(schema);
const validate = ajv.getSchema(schema.$id);
const validDiagnostic = ajv.getSchema(`${schema.$id}#/$defs/diagnostic`);

function assertValid(doc) {
  assert.ok(validate(doc), JSON.stringify(validate.errors, null, 1));
}

test('src/contract.d.ts is up to date with the schema', () => {
  const script = fileURLToPath(new URL('../scripts/gen-contract-types.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('parse output validates against the v1 JSON Schema', () => {
  for (const text of [
    fixture('jingan-hrss-2026.txt'),
    fixture('damaged-amount-utf16.txt'),
    fixture('layouts/sample-a/sample-a.layout.txt'),
    fixture('layouts/sample-c/sample-c.layout.txt'),
    '',
    'hello',
    '财政项目支出绩效目标申报表\n(2026 年度)\n项目名称\t示例项目\n垃圾行',
  ]) {
    assertValid(jixiao.parse(text));
  }
});

test('findings and error diagnostics validate as diagnostics', () => {
  for (const f of jixiao.check(fixture('jingan-hrss-2026.txt'))) {
    assert.ok(validDiagnostic(f), JSON.stringify(validDiagnostic.errors));
  }
  const e = thrown(() => jixiao.parse(fixture('damaged-amount-utf16.txt'), { strict: true }));
  for (const d of e.diagnostics) assert.ok(validDiagnostic(d), JSON.stringify(validDiagnostic.errors));
  assertValid(e.document);
});
