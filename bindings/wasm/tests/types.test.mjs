// The package's TypeScript declarations compile against a usage file, and are
// strict enough to reject misuse (so they are not `any` in disguise).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const project = (name) => fileURLToPath(new URL(name, import.meta.url));

test('tsc --noEmit accepts tests/types/usage.mts', () => {
  const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project('types/tsconfig.json')], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test('tsc --noEmit rejects tests/types/misuse.mts with the expected errors', () => {
  const run = spawnSync(
    process.execPath,
    [tsc, '--noEmit', '-p', project('types/tsconfig.misuse.json')],
    { encoding: 'utf8' },
  );
  assert.notEqual(run.status, 0);
  const errors = run.stdout.split('\n').filter((l) => l.includes('error TS'));
  // One per marked line in misuse.mts.
  assert.equal(errors.length, 7, run.stdout);
});
