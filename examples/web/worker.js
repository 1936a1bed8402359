// The parser runs here, off the main thread, so a large paste never freezes the page.
// Messages in:  { id, text, profile, layout } for text,
//               { id, pdf, profile } for a PDF file (`pdf`: an ArrayBuffer, transferred)
// Messages out: { id, ok: true, doc, findings, csv, ms, text? } | { id, ok: false, error }
//               (`text`, for a PDF: the table rows read from it, the lines its spans count)
import init, * as jixiao from './pkg/jixiao_wasm.js';

const { parse, check, toCsv, version } = jixiao;

const ready = init().then(
  () => postMessage({ ready: true, version: version(), pdf: typeof jixiao.parsePdf === 'function' }),
  (e) => postMessage({ ready: false, error: { message: `cannot load the parser: ${e}` } }),
);

onmessage = async ({ data: { id, text, pdf, profile, layout = 'auto' } }) => {
  try {
    await ready;
    const t0 = performance.now();
    let doc;
    let rows;
    if (pdf) {
      if (typeof jixiao.parsePdf !== 'function') {
        throw Object.assign(new Error('this build of the parser cannot read PDF files (cargo feature `pdf`)'), {
          code: 'pdf-unsupported',
        });
      }
      const bytes = new Uint8Array(pdf);
      doc = jixiao.parsePdf(bytes);
      rows = jixiao.pdfText(bytes);
    } else {
      doc = parse(text, { layout });
    }
    const findings = check(doc, { profile });
    const csv = toCsv(doc);
    postMessage({ id, ok: true, doc, findings, csv, ms: performance.now() - t0, ...(pdf ? { text: rows } : {}) });
  } catch (e) {
    postMessage({
      id,
      ok: false,
      error: { message: String(e.message ?? e), code: e.code ?? null },
    });
  }
};
