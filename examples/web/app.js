// The page: input handling and rendering. Parsing happens in worker.js.
// Money is shown from the contract's decimal strings, summed exactly with
// BigInt; numbers are used only for the chart's bar lengths.

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};
const SVG = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs = {}, text) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};

// ---------------------------------------------------------------- decimals

/** Exact sum of decimal strings; returns a decimal string with the largest scale. */
function sumDecimals(values) {
  const present = values.filter((v) => v !== null && v !== undefined);
  const scale = Math.max(0, ...present.map((v) => (v.split('.')[1] ?? '').length));
  let total = 0n;
  for (const v of present) {
    const [int, frac = ''] = v.replace('-', '').split('.');
    const n = BigInt(int + frac.padEnd(scale, '0'));
    total += v.startsWith('-') ? -n : n;
  }
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(scale + 1, '0');
  const out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return (neg ? '-' : '') + out;
}

/** "499010781.00" -> "499,010,781.00" (no rounding). */
function groupDigits(decimal) {
  if (decimal === null || decimal === undefined) return '—';
  const [int, frac] = decimal.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

const money = (decimal, unit) => (decimal === null ? '—' : `${groupDigits(decimal)} ${unit ?? ''}`.trim());

// ---------------------------------------------------------------- worker

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let nextId = 0;
const pending = new Map();
let current = null; // { text, doc, findings, csv, pdf? }

worker.onmessage = ({ data }) => {
  if ('ready' in data) {
    if (data.ready) {
      $('#version').textContent = `jixiao-wasm ${data.version}`;
      setStatus(`Ready. Paste text, drop a ${data.pdf ? 'PDF or text' : 'text'} file or load the sample.`);
      document.body.dataset.ready = 'true';
    } else {
      setStatus(data.error.message, 'error');
    }
    return;
  }
  pending.get(data.id)?.(data);
  pending.delete(data.id);
};

function parseInWorker(text, profile, layout) {
  const id = ++nextId;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, text, profile, layout });
  });
}

/** A PDF's bytes go to the worker as a transferred copy (no structured clone of the file). */
function parsePdfInWorker(bytes, profile) {
  const id = ++nextId;
  const pdf = bytes.slice(0); // this page keeps `bytes` to parse again with another profile
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, pdf, profile }, [pdf]);
  });
}

/** What each layout the parser reports is, for people. */
const LAYOUT_HINTS = {
  tab: 'tab-separated',
  grid: 'rows of cells',
  pdf: "the PDF's tables",
  spaced: 'pdftotext -layout',
  plain: 'no columns',
  flow: 'pdfplumber text',
};

// ---------------------------------------------------------------- input

function setStatus(text, kind = '') {
  const status = $('#status');
  status.textContent = text;
  status.className = kind;
}

let latest = 0;
async function run(text, source) {
  const ticket = ++latest;
  setStatus(`Parsing ${source}…`);
  const result = await parseInWorker(text, $('#profile').value, $('#layout-choice').value);
  if (ticket !== latest) return; // a newer input superseded this one
  shown(text, null, source, result);
}

/** Parse a PDF file's bytes (an ArrayBuffer); the source view shows the table rows read from it.
 * `why` says why it is read again ("new profile"). */
async function runPdf(bytes, name, why = '') {
  const source = why ? `${name}, ${why}` : name;
  const ticket = ++latest;
  setStatus(`Reading the PDF ${source}…`);
  const result = await parsePdfInWorker(bytes, $('#profile').value);
  if (ticket !== latest) return;
  if (result.ok) $('#text').value = result.text;
  shown(result.text, { bytes, name }, source, result);
}

function shown(text, pdf, source, result) {
  if (!result.ok) {
    // "error[pdf-damaged]: damaged PDF: …" is shown as "pdf-damaged: damaged PDF: …".
    const message = result.error.message.replace(/^error\[[^\]]*\]: /, '');
    setStatus(`${source}: ${result.error.code ?? 'error'}: ${message}`, 'error');
    document.body.dataset.failed = String(nextId);
    return;
  }
  current = { ...result, text, pdf };
  show(current);
  const errors = result.doc.diagnostics.filter((d) => d.severity === 'error').length;
  const read = pdf ? 'read from the PDF' : `${result.doc.layout} layout`;
  setStatus(
    `${source}: ${result.doc.forms.length} forms, ${errors} errors · ${read} · parsed in ${result.ms.toFixed(1)} ms`,
    errors ? 'warn' : 'ok',
  );
  document.body.dataset.parsed = String(nextId);
  document.body.dataset.pdf = String(Boolean(pdf));
}

let typing;
$('#text').addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => run($('#text').value, 'pasted text'), 250);
});

/** A PDF by its `%PDF-` header (whatever the name), or by a `.pdf` name (so that a file
 * that only pretends to be one gets the parser's clear error rather than a garbled text). */
const isPdf = (head, name) => /^%PDF-/.test(String.fromCharCode(...head)) || /\.pdf$/i.test(name);

async function loadFile(file) {
  if (!file) return;
  const bytes = await file.arrayBuffer();
  if (isPdf(new Uint8Array(bytes, 0, Math.min(5, bytes.byteLength)), file.name)) {
    runPdf(bytes, file.name);
    return;
  }
  const text = new TextDecoder().decode(bytes);
  $('#text').value = text;
  run(text, file.name);
}

const drop = $('#drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  loadFile(e.dataTransfer.files[0]);
});
$('#file').addEventListener('change', (e) => loadFile(e.target.files[0]));

$('#load-sample').addEventListener('click', async () => {
  setStatus('Loading the sample…');
  const text = await (await fetch(new URL('./pkg/sample.txt', import.meta.url))).text();
  $('#text').value = text;
  run(text, 'sample');
});

// A PDF is read again from its bytes (the layout choice is for text; a PDF's tables are read as they are).
const rerun = (what) =>
  current && (current.pdf ? runPdf(current.pdf.bytes, current.pdf.name, what) : run(current.text, `same text, ${what}`));
$('#profile').addEventListener('change', () => rerun('new profile'));
$('#layout-choice').addEventListener('change', () => rerun('new layout'));

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
$('#download-json').addEventListener('click', () =>
  download('jixiao.json', 'application/json', JSON.stringify(current.doc, null, 2)),
);
// The BOM makes spreadsheet programs read the CSV as UTF-8 (Chinese text).
$('#download-csv').addEventListener('click', () =>
  download('jixiao.csv', 'text/csv;charset=utf-8', `\ufeff${current.csv}`),
);

// ---------------------------------------------------------------- output

function show({ text, doc, findings, pdf }) {
  $('#result').hidden = false;
  $('#download-json').disabled = false;
  $('#download-csv').disabled = false;
  showSummary(doc, findings, pdf);
  showChart(doc);
  showSource(text);
  showDiagnostics(doc, findings);
  showForms(doc);
}

/**
 * Exact totals of the forms' annual funding, one per money unit (元 and 万元
 * are never added together), e.g. "499,010,781.00 元". Forms without an
 * amount are left out.
 */
function totalByUnit(forms) {
  const byUnit = new Map();
  for (const f of forms) {
    if (f.funding.annual_total === null) continue;
    const unit = f.funding.unit ?? '';
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), f.funding.annual_total]);
  }
  if (!byUnit.size) return '—';
  return [...byUnit].map(([unit, values]) => money(sumDecimals(values), unit)).join(' + ');
}

function showSummary(doc, findings, pdf) {
  $('#form-count').textContent = doc.forms.length;
  $('#indicator-count').textContent = doc.forms.reduce((n, f) => n + f.indicators.length, 0);
  $('#total').textContent = totalByUnit(doc.forms);
  $('#diagnostic-count').textContent = doc.diagnostics.length + findings.length;
  const layout = doc.layout ?? 'tab';
  $('#layout').textContent = layout;
  $('#layout-hint').textContent = pdf
    ? `${LAYOUT_HINTS.pdf}\nfrom ${pdf.name}`
    : `${LAYOUT_HINTS[layout] ?? ''}${$('#layout-choice').value === 'auto' ? '\ndetected' : '\nchosen'}`;
  const groups = new Map();
  for (const f of doc.forms) {
    const key = f.project.category ?? '(none)';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const amount = (forms) => Number(sumDecimals(forms.map((f) => f.funding.annual_total)));
  const rows = [...groups].sort((a, b) => amount(b[1]) - amount(a[1]));
  $('#categories tbody').replaceChildren(
    ...rows.map(([cat, forms]) =>
      el('tr', {}, el('td', {}, cat), el('td', { class: 'num' }, String(forms.length)), el('td', { class: 'num' }, totalByUnit(forms))),
    ),
  );
}

/** Horizontal bars, one per form, largest first: readable with 30+ projects. */
function showChart(doc) {
  const items = doc.forms
    .map((f, i) => ({ i, name: f.project.name ?? `(form ${i + 1})`, amount: f.funding.annual_total, unit: f.funding.unit }))
    .sort((a, b) => Number(b.amount ?? 0) - Number(a.amount ?? 0));
  const max = Math.max(1, ...items.map((d) => Number(d.amount ?? 0)));
  const row = 22;
  const labelW = 230;
  const barW = 300;
  const valueW = 150;
  const width = labelW + barW + valueW;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${items.length * row + 8}`,
    width: '100%',
    role: 'img',
    'aria-label': 'Annual funding per project',
  });
  items.forEach((d, k) => {
    const y = 4 + k * row;
    const len = d.amount === null ? 0 : Math.max(1, (Number(d.amount) / max) * barW);
    const g = svg('g', { class: 'bar', 'data-form': d.i, tabindex: 0 });
    g.append(
      svg('title', {}, `${d.name}: ${money(d.amount, d.unit)}`),
      svg('text', { x: labelW - 6, y: y + row / 2 + 4, 'text-anchor': 'end', class: 'label' }, shorten(d.name, 16)),
      svg('rect', { x: labelW, y: y + 3, width: len, height: row - 6, rx: 2 }),
      svg('text', { x: labelW + len + 4, y: y + row / 2 + 4, class: 'amount' }, money(d.amount, d.unit)),
    );
    g.addEventListener('click', () => openForm(d.i));
    chart.append(g);
  });
  $('#chart').replaceChildren(chart);
}

const shorten = (s, n) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

function showSource(text) {
  const lines = text.split(/\r\n|\r|\n/);
  const frag = document.createDocumentFragment();
  lines.forEach((line, i) => {
    frag.append(
      el('div', { class: 'line', id: `L${i + 1}` }, el('span', { class: 'ln' }, String(i + 1)), el('span', { class: 'tx' }, line)),
    );
  });
  $('#source').replaceChildren(frag);
}

function showDiagnostics(doc, findings) {
  const all = [
    ...doc.diagnostics.map((d) => ({ ...d, origin: 'parse' })),
    ...findings.map((d) => ({ ...d, origin: 'check' })),
  ];
  const order = { error: 0, warning: 1, info: 2 };
  all.sort((a, b) => order[a.severity] - order[b.severity] || (a.span?.start_line ?? 0) - (b.span?.start_line ?? 0));
  const list = $('#diagnostics');
  if (!all.length) {
    list.replaceChildren(el('li', { class: 'none' }, 'No diagnostics.'));
    return;
  }
  list.replaceChildren(
    ...all.map((d) => {
      const where = d.span ? `line ${d.span.start_line}, column ${d.span.start_col}` : 'no position';
      const form = d.form === null ? '' : ` · form ${d.form + 1}`;
      return el(
        'li',
        { class: `diag ${d.severity}`, 'data-code': d.code, tabindex: 0, onclick: (e) => highlight(d, e.currentTarget), onkeydown: (e) => e.key === 'Enter' && highlight(d, e.currentTarget) },
        el('span', { class: 'sev' }, d.severity),
        el('code', {}, d.code),
        el('span', { class: 'msg' }, d.message),
        el('span', { class: 'where' }, `${where}${form}${d.origin === 'check' ? ' · validation' : ''}`),
      );
    }),
  );
}

/** Mark a diagnostic's span in the source view. Columns are UTF-16 code units, which is how JS strings index. */
function highlight(d, item = null) {
  for (const li of document.querySelectorAll('#diagnostics li.active')) li.classList.remove('active');
  item?.classList.add('active');
  clearMarks();
  if (!d.span) return;
  const { start_line: sl, end_line: el_, start_col_utf16: sc, end_col_utf16: ec } = d.span;
  for (let n = sl; n <= el_; n++) {
    const line = document.getElementById(`L${n}`);
    if (!line) continue;
    line.classList.add('hl-line');
    const tx = line.querySelector('.tx');
    const text = tx.textContent;
    const from = n === sl ? (sc ?? 1) - 1 : 0;
    const to = n === el_ ? (ec ?? text.length) : text.length; // end column is inclusive
    tx.replaceChildren(text.slice(0, from), el('mark', { class: `hl ${d.severity}` }, text.slice(from, to)), text.slice(to));
  }
  document.getElementById(`L${sl}`)?.scrollIntoView({ block: 'center', behavior: 'instant' });
  $('#source').dataset.highlight = `${sl}`;
}

function clearMarks() {
  for (const line of document.querySelectorAll('#source .hl-line')) {
    line.classList.remove('hl-line');
    const tx = line.querySelector('.tx');
    tx.replaceChildren(tx.textContent);
  }
}

function showForms(doc) {
  $('#forms').replaceChildren(...doc.forms.map((f, i) => formCard(f, i)));
}

function formCard(f, i) {
  const p = f.project;
  const fu = f.funding;
  const unit = fu.unit ?? '';
  const kv = (pairs) =>
    el('table', { class: 'kv' }, el('tbody', {}, ...pairs.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v ?? '—')))));
  const indicators = el(
    'table',
    { class: 'indicators' },
    el('thead', {}, el('tr', {}, ...['一级指标', '二级指标', '三级指标', '指标值', '类型'].map((h) => el('th', {}, h)))),
    el(
      'tbody',
      {},
      ...f.indicators.map((ind, k) => {
        const prev = f.indicators[k - 1];
        return el(
          'tr',
          {},
          el('td', {}, prev && prev.level1 === ind.level1 ? '' : ind.level1 ?? '—'),
          el('td', {}, prev && prev.level2 === ind.level2 && prev.level1 === ind.level1 ? '' : ind.level2 ?? '—'),
          el('td', {}, ind.name),
          el('td', { class: 'target' }, ind.target.raw),
          el('td', { class: 'kind' }, ind.target.kind === 'quantitative' ? '定量' : '定性'),
        );
      }),
    ),
  );
  return el(
    'details',
    { class: 'form', id: `form-${i}`, ...(i < 1 ? { open: '' } : {}) },
    el(
      'summary',
      {},
      el('span', { class: 'no' }, `#${i + 1}`),
      el('span', { class: 'name' }, p.name ?? '(no name)'),
      el('span', { class: 'amount' }, money(fu.annual_total, unit)),
      el('span', { class: 'count' }, `${f.indicators.length} 指标`),
    ),
    el(
      'div',
      { class: 'form-body' },
      el(
        'div',
        { class: 'form-grid' },
        kv([
          ['项目名称', p.name],
          ['项目性质', p.nature],
          ['项目类别', p.category],
          ['主管部门', p.department],
          ['实施单位', p.implementer],
          ['计划日期', p.start_date || p.end_date ? `${p.start_date ?? '?'} – ${p.end_date ?? '?'}` : null],
          ['年度', f.year === null ? null : String(f.year)],
        ]),
        kv([
          [`年度资金申请总额`, money(fu.annual_total, unit)],
          ['其中: 当年财政拨款', money(fu.annual_appropriation, unit)],
          ['上年结转资金', money(fu.annual_carryover, unit)],
          ['其他资金 (年度)', money(fu.annual_other, unit)],
          ['项目资金总额', money(fu.project_total, unit)],
          ['其中: 财政资金', money(fu.project_fiscal, unit)],
          ['其他资金 (项目)', money(fu.project_other, unit)],
        ]),
      ),
      f.goals.project ? el('p', { class: 'goal' }, el('b', {}, '项目总目标 '), f.goals.project) : null,
      f.goals.annual ? el('p', { class: 'goal' }, el('b', {}, '年度总体目标 '), f.goals.annual) : null,
      indicators,
      el(
        'button',
        { type: 'button', class: 'link', onclick: () => highlight({ severity: 'info', span: { ...f.span, start_col_utf16: 1, end_col_utf16: null } }) },
        `Show lines ${f.span.start_line}–${f.span.end_line} in the source`,
      ),
    ),
  );
}

function openForm(i) {
  const d = document.getElementById(`form-${i}`);
  if (!d) return;
  d.open = true;
  d.scrollIntoView({ block: 'start', behavior: 'smooth' });
}
