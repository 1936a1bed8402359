import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jixiao, fixture, thrown } from './helpers.mjs';

const SAMPLE = fixture('jingan-hrss-2026.txt');

// The rule set is written in the core (crates/jixiao/src/rules); these tests
// hold for any rule set: they pin the binding's contract, not the findings.

test('check takes a document or a text and returns diagnostics', () => {
  const doc = jixiao.parse(SAMPLE);
  const fromDoc = jixiao.check(doc);
  assert.ok(Array.isArray(fromDoc));
  assert.deepEqual(jixiao.check(SAMPLE), fromDoc);
  for (const f of fromDoc) {
    assert.equal(typeof f.code, 'string');
    assert.ok(['error', 'warning', 'info'].includes(f.severity));
    assert.ok(f.form === null || (f.form >= 0 && f.form < doc.forms.length));
  }
});

test('every profile is accepted, and allow switches findings off', () => {
  const doc = jixiao.parse(SAMPLE);
  for (const profile of ['SH-2025+', 'CN-101', 'LEGACY-2011']) {
    const findings = jixiao.check(doc, { profile });
    const codes = [...new Set(findings.map((f) => f.code))];
    const rest = jixiao.check(doc, { profile, allow: codes });
    assert.ok(rest.every((f) => !codes.includes(f.code)), `${profile}: allow is honoured`);
  }
});

test('bad options and bad documents throw', () => {
  const e = thrown(() => jixiao.check(SAMPLE, { profile: 'XX-1' }));
  assert.equal(e.name, 'JixiaoError');
  assert.equal(e.code, 'invalid-options');
  assert.match(e.message, /unknown profile/);
  assert.equal(thrown(() => jixiao.check(SAMPLE, { profiles: 'CN-101' })).code, 'invalid-options');
  assert.equal(thrown(() => jixiao.check({ forms: 3 })).code, 'invalid-document');
  assert.equal(thrown(() => jixiao.check(7)).code, 'invalid-document');
});
