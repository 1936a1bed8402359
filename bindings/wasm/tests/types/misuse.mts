// Each marked line must be a type error (tests/types.test.mjs counts them).
import { parse, parsePdf, check, toCsv } from 'jixiao-wasm';

const doc = parse('text');
const n: number = doc.forms[0]!.funding.annual_total!; // error: a Decimal is a string
parse('text', { strcit: true }); // error: unknown option
parse('text', { layout: 'pdf' }); // error: unknown layout
check(doc, { profile: 'SH-2099' }); // error: unknown profile
toCsv('text'); // error: toCsv takes a Document
parsePdf('%PDF-1.7'); // error: parsePdf takes bytes, not a string
parsePdf(new Uint8Array(0), { layout: 'tab' }); // error: parsePdf has no layout option
console.log(n);
