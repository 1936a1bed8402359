// Compiled by tests/types.test.mjs with `tsc --noEmit`: how a TypeScript user
// calls the package. Every annotation here must type-check against the
// declarations that wasm-bindgen generated (with the embedded contract types).
import { parse, parsePdf, pdfText, check, render, toCsv, version } from 'jixiao-wasm';
import type {
  Document,
  Form,
  Diagnostic,
  Decimal,
  Target,
  JixiaoError,
  ParseOptions,
  PdfParseOptions,
  CheckOptions,
  LayoutOption,
} from 'jixiao-wasm';
import initWeb, { parse as parseWeb } from 'jixiao-wasm/web';

const options: ParseOptions = { strict: true, layout: 'auto' };
const doc: Document = parse('财政项目支出绩效目标申报表', options);
const forced: LayoutOption = 'spaced';
const spacedDoc: Document = parse('text', { layout: forced });
const read: string | undefined = spacedDoc.layout;
const bytesDoc: Document = parse(new Uint8Array([0xe8]));
const forms: Form[] = doc.forms;
const total: Decimal | null = forms[0]?.funding.annual_total ?? null;
const name: string | null = forms[0]?.project.name ?? null;
const line: number = forms[0]?.span.start_line ?? 0;

function describe(t: Target): string {
  // The contract's target is a discriminated union on `kind`.
  if (t.kind === 'quantitative') {
    const value: Decimal = t.value;
    return `${t.cmp ?? ''}${value}${t.unit ?? ''}`;
  }
  const text: string = t.text;
  return text;
}

const pdfOptions: PdfParseOptions = { strict: false };
const pdfDoc: Document = parsePdf(new Uint8Array([0x25, 0x50]), pdfOptions);
const fromBuffer: Document = parsePdf(new ArrayBuffer(8));
const pdfRowsText: string = pdfText(new Uint8Array(0));
try {
  parsePdf(new Uint8Array(0));
} catch (e) {
  const code: string = (e as JixiaoError).code;
  console.log(code);
}
console.log(pdfDoc, fromBuffer, pdfRowsText);

const checkOptions: CheckOptions = { profile: 'CN-101', allow: ['PT-V04'] };
const findings: Diagnostic[] = check(doc, checkOptions);
const findings2: Diagnostic[] = check('text');
const utf16: number | undefined = findings[0]?.span?.start_col_utf16;
const text: string = render(doc);
const csv: string = toCsv(bytesDoc);
const v: string = version();

try {
  parse('x', { strict: true });
} catch (e) {
  const err = e as JixiaoError;
  const fields: [string, number | null, number | null, number | null] = [
    err.code,
    err.line,
    err.column,
    err.columnUtf16,
  ];
  const first: Diagnostic | undefined = err.diagnostics[0];
  const partial: Document | undefined = err.document;
  const message: string = err.message;
  console.log(fields, first, partial, message);
}

async function web(): Promise<Document> {
  await initWeb();
  return parseWeb('财政项目支出绩效目标申报表');
}

console.log(read, total, name, line, describe, findings2, utf16, text, csv, v, web);
