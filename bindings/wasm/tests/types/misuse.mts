// Each marked line must be a type error (tests/types.test.mjs counts them).
import { parse, check, toCsv } from 'jixiao-wasm';

const doc = parse('text');
const n: number = doc.forms[0]!.funding.annual_total!; // error: a Decimal is a string
parse('text', { strcit: true }); // error: unknown option
parse('text', { layout: 'pdf' }); // error: unknown layout
check(doc, { profile: 'SH-2099' }); // error: unknown profile
toCsv('text'); // error: toCsv takes a Document
console.log(n);
