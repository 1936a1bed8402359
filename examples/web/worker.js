// The parser runs here, off the main thread, so a large paste never freezes the page.
// Messages in:  { id, text, profile, layout }
// Messages out: { id, ok: true, doc, findings, csv, ms } | { id, ok: false, error }
import init, { parse, check, toCsv, version } from './pkg/jixiao_wasm.js';

const ready = init().then(
  () => postMessage({ ready: true, version: version() }),
  (e) => postMessage({ ready: false, error: { message: `cannot load the parser: ${e}` } }),
);

onmessage = async ({ data: { id, text, profile, layout = 'auto' } }) => {
  try {
    await ready;
    const t0 = performance.now();
    const doc = parse(text, { layout });
    const findings = check(doc, { profile });
    const csv = toCsv(doc);
    postMessage({ id, ok: true, doc, findings, csv, ms: performance.now() - t0 });
  } catch (e) {
    postMessage({
      id,
      ok: false,
      error: { message: String(e.message ?? e), code: e.code ?? null },
    });
  }
};
