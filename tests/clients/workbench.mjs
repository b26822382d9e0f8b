// `factline serve` driven in headless Chromium as an analyst uses it: add a source, find its
// candidates, accept one, edit and accept another, reject a third, start a claim from words
// selected in the text, resolve a conflict, read a dossier; after each step the data files and
// the database are checked with factline itself. Buttons are pressed from the keyboard
// (focus, Enter or Space), and the pages load nothing from outside the server.
//
//   node tests/clients/workbench.mjs FACTLINE_BINARY WORK_DIR SCREENSHOT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { launch, watch, report } from './browser.mjs';

const [binArg, workArg, shots] = process.argv.slice(2);
const bin = binArg && path.resolve(binArg);
const work = workArg && path.resolve(workArg);
if (!bin || !work || !shots) {
  console.log('FAIL workbench: usage: workbench.mjs FACTLINE_BINARY WORK_DIR SCREENSHOT_DIR');
  process.exit(1);
}
const ARTICLE = [
  'A test article.',
  'Official statistics put the population of Kazakhstan at 16,3 million.',
  'Another estimate says about 17.6 million people live in Kazakhstan.',
  'Ethnic Russians make up nearly 22% of Kazakhstan\'s population.',
  'An older count says Russians are 25 per cent of the people of Kazakhstan.',
  '',
].join('\n');
const SOURCE = 'population-of-kazakhstan-2011';

// Runs factline on the workbench's database; exit code 1 ("found something") is an answer too.
function factline(...args) {
  const r = spawnSync(bin, ['--db', path.join(work, 'factline.db'), ...args], { cwd: work, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`factline ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const queue = () => JSON.parse(factline('review', 'list', '--status', 'all', '--format', 'json'));
const sql = (q) => factline('sql', q, '--format', 'csv', '--no-bom').trim().split('\n').slice(1);
const read = (rel) => (fs.existsSync(path.join(work, rel)) ? fs.readFileSync(path.join(work, rel), 'utf8') : '');

fs.mkdirSync(work, { recursive: true });
factline('import', '--bundled');
const server = spawn(bin, ['--db', 'factline.db', 'serve', '--port', '0', '--data', 'data', '--by', 'analyst-a'], { cwd: work });
const base = await new Promise((resolve, reject) => {
  let err = '';
  server.stderr.on('data', (d) => {
    err += d;
    const m = err.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) resolve(m[0].replace(/\/$/, ''));
  });
  server.on('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  setTimeout(() => reject(new Error(`serve printed no address: ${err}`)), 20_000);
});

let ok = true;
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const seen = watch(page);
const outside = [];
page.on('request', (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });

async function step(name, fn) {
  const problems = [];
  try {
    await fn(problems);
  } catch (e) {
    problems.push(String(e && e.stack || e).split('\n').slice(0, 3).join(' | '));
  }
  for (const e of seen.pageErrors.splice(0)) problems.push(`page error: ${e.split('\n')[0]}`);
  for (const e of seen.consoleErrors.splice(0)) problems.push(`console error: ${e.text}`);
  for (const u of outside.splice(0)) problems.push(`requested outside the server: ${u}`);
  ok = report(`workbench: ${name}`, problems) && ok;
}

// Presses a control from the keyboard: focus it, then Enter (buttons, links) or Space.
async function press(locator, key = 'Enter') {
  await locator.focus();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
}

const card = (id) => page.locator(`#cand-${id}`);

await step('the skip link comes first from the keyboard', async (p) => {
  await page.goto(`${base}/`);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement && document.activeElement.textContent);
  if (!/Skip to the content/.test(first || '')) p.push(`the first Tab stop is ${JSON.stringify(first)}`);
});

await step('add a source by pasting its text', async (p) => {
  await page.goto(`${base}/sources/new`);
  await page.fill('#s-title', 'Population of Kazakhstan');
  await page.fill('#s-published', '2011-05-01');
  await page.fill('#s-publisher', 'Steppe Herald');
  await page.selectOption('#s-reliability', 'C');
  await page.fill('#s-text', ARTICLE);
  await press(page.locator('form[action="/sources/new"] button[type=submit]'));
  if (!page.url().includes(`/source/${SOURCE}`)) p.push(`landed on ${page.url()}`);
  const toml = read('data/sources.toml');
  if (!toml.includes(`id = "${SOURCE}"`) || !/sha256 = "[0-9a-f]{64}"/.test(toml)) p.push(`data/sources.toml: ${toml}`);
  if (read(`texts/${SOURCE}.txt`) !== ARTICLE) p.push('the text was not saved verbatim in texts/');
  if (sql(`select reliability from source where id = '${SOURCE}'`)[0] !== 'C') p.push('the source is not in the database');
  const marks = await page.locator('.text mark.entity').count();
  if (marks < 3) p.push(`${marks} names marked in the text`);
});

let ids = [];
await step('find candidates in the text', async (p) => {
  await press(page.getByRole('button', { name: 'Find candidates in the text' }));
  ids = queue().filter((c) => c.source === SOURCE && c.status === 'pending').map((c) => c.id);
  if (ids.length < 3) p.push(`${ids.length} candidates queued`);
  for (const id of ids) if (await card(id).count() !== 1) p.push(`no card for ${id}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, 'workbench-article.png') });
  const verdicts = await page.locator('.candidate .verdict').count();
  if (verdicts < ids.length) p.push(`${verdicts} verdict previews for ${ids.length} candidates`);
});

await step('accept a candidate as it is', async (p) => {
  const id = ids[0];
  await press(card(id).getByRole('button', { name: 'Accept' }));
  const file = read(`data/claims/${SOURCE}.toml`);
  if (!file.includes(id)) p.push(`data/claims/${SOURCE}.toml lacks ${id}`);
  const q = queue().find((c) => c.id === id);
  if (q.status !== 'accepted') p.push(`queue says ${q.status}`);
  if (sql(`select count(*) from claim where retracted_at is null and id like '%${id}'`)[0] !== '1') p.push('the claim is not in the database');
  if (!(await card(id).getAttribute('class')).includes('accepted')) p.push('the card does not show it accepted');
});

await step('edit a candidate (its time) and accept it', async (p) => {
  const id = ids[1];
  await card(id).locator('summary').focus();
  await page.keyboard.press('Enter');
  await card(id).locator('input[name=when]').fill('2010');
  await press(card(id).getByRole('button', { name: 'Accept' }));
  const file = read(`data/claims/${SOURCE}.toml`);
  const block = file.split('[[claim]]').find((b) => b.includes(id)) || '';
  if (!block.includes('when = "2010"')) p.push(`the accepted claim is not dated 2010: ${block.slice(0, 300)}`);
  if (sql(`select valid_time from claim where retracted_at is null and id like '%${id}'`)[0] !== '2010') p.push('the database does not have the edited time');
});

await step('reject a candidate with a reason', async (p) => {
  const id = ids[2];
  await card(id).locator('input[name=reason]').fill('not a population figure');
  await press(card(id).getByRole('button', { name: 'Reject' }));
  const q = queue().find((c) => c.id === id);
  if (q.status !== 'rejected' || q.reason !== 'not a population figure') p.push(`queue says ${q.status} (${q.reason})`);
  if (read(`data/claims/${SOURCE}.toml`).includes(id)) p.push('a rejected candidate reached the data file');
});

await step('select words of the text to start a claim', async (p) => {
  const words = 'Russians are 25 per cent of the people of Kazakhstan';
  await page.evaluate((words) => {
    const line = document.querySelector('#L5 .t');
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    const full = nodes.map((n) => n.data).join('');
    const start = full.indexOf(words);
    const end = start + words.length;
    let at = 0;
    const range = document.createRange();
    for (const n of nodes) {
      if (start >= at && start <= at + n.data.length) range.setStart(n, start - at);
      if (end >= at && end <= at + n.data.length) { range.setEnd(n, end - at); break; }
      at += n.data.length;
    }
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, words);
  const quote = await page.inputValue('#p-quote');
  if (quote !== words) p.push(`the quote field holds ${JSON.stringify(quote)}`);
  await press(page.getByRole('button', { name: 'Propose the claim' }));
  const proposed = queue().find((c) => c.quote === words && c.status === 'pending');
  if (!proposed) { p.push('no candidate was queued with the selected words'); return; }
  if (proposed.line !== 5) p.push(`the proposal is on line ${proposed.line}`);
  await press(card(proposed.id).getByRole('button', { name: 'Accept' }));
  const file = read(`data/claims/${SOURCE}.toml`);
  if (!file.includes(`quote = "${words}"`) || !file.includes('method = "manual"')) p.push('the proposed claim is not in the data file with its quote, cited manual');
});

await step('resolve a conflict', async (p) => {
  await page.goto(`${base}/conflicts?subject=kazakhstan`);
  const first = page.locator('article.conflict.open').first();
  const id = await first.getAttribute('id');
  await first.locator('summary').focus();
  await page.keyboard.press('Enter');
  const radios = first.locator('input[name=prefer]');
  const prefer = await radios.first().getAttribute('value');
  await radios.first().focus();
  await page.keyboard.press('Space');
  const others = await first.locator('input[name=deprecate]').evaluateAll((els) => els.map((e) => e.value));
  const deprecate = others.find((v) => v !== prefer);
  await first.locator(`input[name=deprecate][value="${deprecate}"]`).check();
  await first.locator('input[name=reason]').fill('more reliable source');
  await press(first.getByRole('button', { name: 'Record the decision' }));
  const toml = read('data/resolutions.toml');
  if (!toml.includes(`conflict = "${id}"`) || !toml.includes(`prefer = "${prefer}"`) || !toml.includes('by = "analyst-a"')) p.push(`data/resolutions.toml: ${toml}`);
  const report = JSON.parse(factline('conflicts', '--format', 'json'));
  const entry = report.conflicts.find((c) => c.id === id);
  if (!entry || entry.status !== 'resolved') p.push(`conflicts says ${entry && entry.status}`);
  const ranks = sql(`select rank from current_claim where id = '${deprecate}'`);
  if (ranks[0] !== 'deprecated') p.push(`${deprecate} is ranked ${ranks[0]}`);
});

await step('read an entity dossier', async (p) => {
  await page.goto(`${base}/entity/kazakhstan`);
  const rows = await page.locator('#timeline ~ table tbody tr').count();
  if (rows < 10) p.push(`${rows} timeline rows`);
  const chart = await page.locator('img.chart').evaluate((img) => img.complete && img.naturalWidth);
  if (!chart) p.push('the timeline chart did not load');
  // The claims accepted from the article, dated as of its publication (2011~), are on a later
  // page: followed by the pager's links, from the keyboard.
  const accepted = queue().filter((c) => c.source === SOURCE && c.status === 'accepted').map((c) => c.claim);
  let found = [];
  for (let i = 0; i < 10; i++) {
    for (const id of accepted) if (await page.locator(`a[href="/claim/${id}"]`).count()) found.push(id);
    const next = page.locator('a[rel=next]').first();
    if (!(await next.count())) break;
    await press(next);
  }
  const missing = accepted.filter((id) => !found.includes(id));
  if (!accepted.length || missing.length) p.push(`accepted claims not in the dossier: ${missing.join(', ') || 'none accepted'}`);
  await page.goto(`${base}/entity/kazakhstan?page=${await page.evaluate(() => new URL(location.href).searchParams.get('page') || 0)}`);
  if (await page.locator('.when.approx').count() === 0) p.push('no approximate date drawn as such');
  if (await page.locator('#conflicts ~ .conflict').count() === 0) p.push('no conflict listed');
  if (await page.locator('#sources ~ table a[href^="/source/"]').count() === 0) p.push('no source listed');
  await page.screenshot({ path: path.join(shots, 'workbench-dossier.png'), fullPage: false });
});

await step('the data files check against the database', async (p) => {
  const r = spawnSync(bin, ['--db', path.join(work, 'factline.db'), 'check', '--db', path.join(work, 'factline.db'), path.join(work, 'data')], { cwd: work, encoding: 'utf8' });
  if (r.status !== 0) p.push(`check: ${r.stderr.slice(0, 400)}`);
});

await browser.close();
server.kill();
process.exit(ok ? 0 : 1);
