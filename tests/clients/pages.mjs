// factline's `--format html` page and `--format svg` picture, opened as file:// URLs in headless
// Chromium, as a person would open them from disk.
//
//   node tests/clients/pages.mjs DIR SCREENSHOT_DIR
//
// DIR holds timeline.html, timeline.svg and timeline.json (the `--format json` output, whose
// `entries` the page is checked against). Prints one PASS/FAIL line per file.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, watch, report } from './browser.mjs';

const norm = (s) => String(s || '').replace(/\s+/g, ' ').trim();

// Opens `file` and fails every request that is not the file itself (or a data: URL).
async function open(browser, file, viewport) {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport });
  const seen = watch(page);
  const outside = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url || u.startsWith('data:')) return route.continue();
    outside.push(u);
    return route.abort('blockedbyclient');
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(200);
  const problems = () => {
    const p = [];
    const others = [...new Set([...outside, ...seen.requests.filter((u) => u !== url && !u.startsWith('data:'))])];
    for (const u of others) p.push(`not self-contained: requested ${u}`);
    for (const e of seen.pageErrors) p.push(`page error: ${e.split('\n')[0]}`);
    for (const e of seen.consoleErrors) p.push(`console error: ${e.text}${e.url ? ` (${e.url})` : ''}`);
    return p;
  };
  return { page, problems };
}

async function checkHtml(browser, dir, shots) {
  const NAME = 'html: timeline.html in Chromium';
  const file = path.join(dir, 'timeline.html');
  const entries = JSON.parse(fs.readFileSync(path.join(dir, 'timeline.json'), 'utf8')).entries;
  if (!Array.isArray(entries)) return report(NAME, ['timeline.json has no `entries` array']);
  const { page, problems: pageProblems } = await open(browser, file, { width: 1200, height: 900 });
  const problems = [];

  // Documents' claims each have an entry, in the JSON's order; a reference series (the rows
  // marked `dataset`) is one line per entity in the human formats, so its rows are checked as
  // a set: every entry that stands for dataset rows names one of them, and there is one.
  const claims = await page.$$eval('.entry[data-claim]', (els) => els.map((e) => e.getAttribute('data-claim')));
  const total = await page.locator('.entry').count();
  const documents = entries.filter((e) => !e.dataset);
  const datasetIds = new Set(entries.filter((e) => e.dataset).map((e) => e.claim));
  if (total < documents.length) problems.push(`${total} .entry elements for ${documents.length} document entries`);
  const missing = documents.map((e) => e.claim).filter((c) => !claims.includes(c));
  if (missing.length) problems.push(`no .entry[data-claim] for claim(s): ${missing.slice(0, 5).join(', ')}`);
  const strays = claims.filter((c) => !datasetIds.has(c) && !documents.some((e) => e.claim === c));
  if (strays.length) problems.push(`.entry[data-claim] for claims not in the JSON: ${strays.slice(0, 5).join(', ')}`);
  if (datasetIds.size && !claims.some((c) => datasetIds.has(c))) problems.push('no entry stands for the dataset rows');
  const order = [...new Set(claims)].filter((c) => !datasetIds.has(c));
  const want = documents.map((e) => e.claim);
  if (!missing.length && order.join('\n') !== want.join('\n')) problems.push('entries are not in the JSON order');

  // The first entry with citations: its quote is hidden until its <summary> is clicked.
  let clicked = 'no entry has a <details>';
  const first = entries.find((e) => (e.citations || []).length > 0);
  if (first) {
    const entry = page.locator(`.entry[data-claim="${first.claim.replace(/["\\]/g, '\\$&')}"]`).first();
    const details = entry.locator('details').first();
    if (await details.count() === 0) {
      problems.push(`entry ${first.claim} has citations but no <details>`);
    } else {
      const quote = norm(first.citations[0].quote);
      const content = details.locator(':scope > :not(summary)').first();
      if (await details.evaluate((d) => d.open)) problems.push(`entry ${first.claim}: <details> is open before any click`);
      else if (await content.count() && await content.isVisible()) problems.push(`entry ${first.claim}: citations visible before the click`);
      await details.locator('summary').first().click();
      await page.waitForTimeout(100);
      const open = await details.evaluate((d) => d.open);
      const visible = norm(await details.evaluate((d) => d.innerText));
      const quoteShown = visible.includes(quote) || visible.includes(norm(quote.replace(/^["“]|["”]$/g, '')));
      if (!open) problems.push(`entry ${first.claim}: clicking <summary> did not open <details>`);
      if (!quoteShown) problems.push(`entry ${first.claim}: quote "${quote.slice(0, 80)}" not visible after the click`);
      else if (!(await content.count()) || !(await content.isVisible())) problems.push(`entry ${first.claim}: citation content not visible after the click`);
      clicked = `clicked ${first.claim}, quote shown`;
    }
  }
  // Each quantity a reference series covers is a chart above the list: drawn, inside the page's
  // width, every figure on it inside its box, every link under it reaching its entry.
  const charts = await page.$$eval('figure.chart', (figs) => figs.map((f) => {
    const svg = f.querySelector('svg.figure-chart');
    const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0, left: 0, right: 0, top: 0, bottom: 0 };
    const marks = svg ? [...svg.querySelectorAll('g.figure')].map((g) => {
      const r = g.getBoundingClientRect();
      return { claim: g.getAttribute('data-claim'), inside: r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1 };
    }) : [];
    const links = [...f.querySelectorAll('figcaption a[href^="#"]')].map((a) => ({ href: a.getAttribute('href'), found: !!document.getElementById(a.getAttribute('href').slice(1)) }));
    return { title: svg && svg.getAttribute('aria-label'), width: box.width, height: box.height, right: box.right, page: document.documentElement.clientWidth, marks, links };
  }));
  if (!charts.length) problems.push('no figure.chart: the population series should be drawn as a chart');
  for (const c of charts) {
    if (!(c.width > 0 && c.height > 0)) problems.push(`chart ${c.title}: not drawn (${c.width}x${c.height})`);
    if (c.right > c.page + 1) problems.push(`chart ${c.title}: wider than the page (${c.right} > ${c.page})`);
    for (const m of c.marks) if (!m.inside) problems.push(`chart ${c.title}: figure ${m.claim} drawn outside the chart`);
    for (const l of c.links) if (!l.found) problems.push(`chart ${c.title}: link ${l.href} reaches no entry`);
  }
  fs.mkdirSync(shots, { recursive: true });
  if (charts.length) await page.locator('figure.chart').first().screenshot({ path: path.join(shots, 'timeline-chart.png') });
  const chartWords = `${charts.length} chart(s), ${charts.reduce((n, c) => n + c.marks.length, 0)} figure(s) on them`;

  problems.push(...pageProblems());

  // The top of the page (charts and the first entries): a full screenshot of every entry of
  // the bundle (over 100,000 px) is slow and no one reads it.
  const tall = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: path.join(shots, 'timeline-html.png'), fullPage: true, clip: { x: 0, y: 0, width: 1200, height: Math.min(tall, 12_000) } });
  await page.close();
  return report(NAME, problems, `${total} entries for ${entries.length} claims (${documents.length} from documents, ${datasetIds.size} dataset rows as series lines), ${clicked}, ${chartWords}; screenshot ${path.join(shots, 'timeline-html.png')}`);
}

async function checkSvg(browser, dir, shots) {
  const NAME = 'svg-render: timeline.svg in Chromium';
  const { page, problems: pageProblems } = await open(browser, path.join(dir, 'timeline.svg'), { width: 1200, height: 800 });
  const problems = [];
  const state = await page.evaluate(() => {
    const root = document.documentElement;
    const box = root.getBBox ? root.getBBox() : { width: 0, height: 0 };
    return {
      ns: root.namespaceURI,
      name: root.localName,
      parseError: !!document.querySelector('parsererror'),
      width: box.width, height: box.height,
      texts: document.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'text').length,
    };
  });
  if (state.parseError || state.ns !== 'http://www.w3.org/2000/svg' || state.name !== 'svg') {
    problems.push(`Chromium did not render an SVG document (root ${state.ns} ${state.name}, parse error: ${state.parseError})`);
  } else if (!(state.width > 0 && state.height > 0)) {
    problems.push('the SVG draws nothing (empty bounding box)');
  }
  problems.push(...pageProblems());
  // A full-page screenshot never finishes on a bare SVG document: size the viewport to the
  // picture instead (an SVG with only a viewBox fills the viewport it is given).
  const size = await page.evaluate(() => {
    const r = document.documentElement.getBoundingClientRect();
    return { width: Math.ceil(r.width), height: Math.ceil(r.height) };
  });
  const clamp = (n, d) => (n >= 1 ? Math.min(n, 8000) : d);
  await page.setViewportSize({ width: clamp(size.width, 1200), height: clamp(size.height, 800) });
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'timeline-svg.png') });
  await page.close();
  return report(NAME, problems, `${Math.round(state.width)}x${Math.round(state.height)} drawn, ${state.texts} <text>; screenshot ${path.join(shots, 'timeline-svg.png')}`);
}

async function main() {
  const [dir, shots] = process.argv.slice(2);
  if (!dir || !shots) throw new Error('usage: pages.mjs DIR SCREENSHOT_DIR');
  const browser = await launch();
  try {
    let ok = true;
    for (const [name, check] of [['html', checkHtml], ['svg-render', checkSvg]]) {
      try {
        ok = (await check(browser, dir, shots)) && ok;
      } catch (e) {
        console.log(`FAIL ${name}: ${e && e.stack || e}`);
        ok = false;
      }
    }
    return ok;
  } finally {
    await browser.close();
  }
}

main().then((ok) => process.exit(ok ? 0 : 1), (e) => {
  console.log(`FAIL pages: ${e && e.stack || e}`);
  process.exit(1);
});
