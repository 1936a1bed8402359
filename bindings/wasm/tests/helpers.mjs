// Shared by the node tests: the Node.js build of the package and the fixtures.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The package as Node.js users get it (`pkg/node`, built by build.sh). */
export const jixiao = require('../pkg/node/jixiao_wasm.js');

export const fixtures = join(here, '../../../crates/jixiao/fixtures');
export const fixture = (name) => readFileSync(join(fixtures, name), 'utf8');
export const fixtureBytes = (name) => new Uint8Array(readFileSync(join(fixtures, name)));
export const schema = JSON.parse(
  readFileSync(join(here, '../../../crates/jixiao/schema/jixiao-v1.schema.json'), 'utf8'),
);

/** Exact sum of decimal strings ("109026.00" …), as a decimal string with the largest scale. */
export function sumDecimals(values) {
  const scale = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
  let total = 0n;
  for (const v of values) {
    const [int, frac = ''] = v.replace('-', '').split('.');
    const n = BigInt(int + frac.padEnd(scale, '0'));
    total += v.startsWith('-') ? -n : n;
  }
  const sign = total < 0n ? '-' : '';
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  return scale === 0 ? sign + digits : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Catch what `fn` throws (fails when it does not throw). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}
