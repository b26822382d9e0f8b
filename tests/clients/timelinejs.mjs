// TimelineJS3 (the real library, @knight-lab/timelinejs from npm) renders factline's
// `--format timelinejs` output in headless Chromium.
//
//   node tests/clients/timelinejs.mjs TIMELINE.timelinejs.json [SCREENSHOT_DIR]
//
// A local http server on 127.0.0.1 (random port) serves a tiny page that loads TimelineJS's
// dist/css/timeline.css and dist/js/timeline.js and calls `new TL.Timeline('timeline-embed',
// data)`. Every request to any other host is blocked. Passes when TimelineJS accepts the data
// (no config errors), keeps every event with its unique_id, renders one slide per event plus
// the title slide and one time marker per event, the time navigation fits inside the 700px
// embed with markers in view and leaves at least half of it to the slides, draws every open
// ("until 2032", "since 2006", "2013 or later") event as a span (a marker with an end and a
// visible time span) whose slide says it is open, and the page logs no errors.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, watch, report } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.join(here, 'node_modules', '@knight-lab', 'timelinejs', 'dist');
const NAME = 'timelinejs: TimelineJS3 renders --format timelinejs';

// The one documented case where blocking the network logs console errors that say nothing
// about the data: TimelineJS loads dist/css/fonts/font.default.css (its default `font`
// option), whose @font-face rules fetch PT Sans/PT Serif from fonts.gstatic.com. Chromium logs
// "Failed to load resource" for each blocked font file; those (and only those) are noted, not
// failed. Any other blocked request's console error fails the check.
const isTimelineFont = (url) => {
  try {
    const u = new URL(url);
    return u.hostname === 'fonts.gstatic.com' && /\.(ttf|otf|woff2?)$/.test(u.pathname);
  } catch {
    return false;
  }
};

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject', '.png': 'image/png',
};

const PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>factline in TimelineJS3</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/tl/css/timeline.css">
<script src="/tl/js/timeline.js"></script>
<style>html, body { margin: 0; height: 100%; } #timeline-embed { width: 100%; height: 700px; }</style>
</head><body>
<div id="timeline-embed"></div>
<script>
window.__check = { ready: false, error: null, timeline: null };
fetch('/data.json')
  .then((r) => r.json())
  .then((data) => {
    const timeline = new TL.Timeline('timeline-embed', data, { script_path: location.origin + '/tl/js/' });
    window.__check.timeline = timeline;
    timeline.on('ready', () => { window.__check.ready = true; });
  })
  .catch((e) => { window.__check.error = String(e && e.stack || e); });
</script>
</body></html>`;

function serve(dataFile) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') return send(200, TYPES['.html'], PAGE);
    if (url.pathname === '/data.json') return send(200, TYPES['.json'], fs.readFileSync(dataFile));
    if (url.pathname.startsWith('/tl/')) {
      const file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname.slice(4))));
      if (file.startsWith(DIST + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return send(200, TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file));
      }
    }
    send(404, 'text/plain', 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const [dataFile, shots] = process.argv.slice(2);
  if (!dataFile) throw new Error('usage: timelinejs.mjs TIMELINE.timelinejs.json [SCREENSHOT_DIR]');
  for (const f of ['js/timeline.js', 'css/timeline.css']) {
    if (!fs.existsSync(path.join(DIST, f))) throw new Error(`TimelineJS's dist/${f} is missing: run npm ci in ${here}`);
  }
  let data;
  try {
    data = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
  } catch (e) {
    return report(NAME, [`${dataFile} is not JSON: ${e.message}`]);
  }
  const problems = [];
  const events = Array.isArray(data.events) ? data.events : [];
  if (!Array.isArray(data.events)) problems.push('the JSON has no `events` array');
  if (events.length === 0) problems.push('the JSON has no events');
  if (!data.title) problems.push('the JSON has no title slide');
  const ids = events.map((e) => e.unique_id);
  if (ids.some((id) => typeof id !== 'string' || id === '')) problems.push('an event has no unique_id');
  if (new Set(ids).size !== ids.length) problems.push('unique_id values repeat');

  const server = await serve(dataFile);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const notes = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const seen = watch(page);
    const blocked = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + '/')) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    await page.goto(origin + '/', { waitUntil: 'load' });
    await page.waitForFunction(
      () => window.__check.ready || window.__check.error ||
        (window.__check.timeline && window.__check.timeline.config && !window.__check.timeline.config.isValid()),
      null, { timeout: 60_000 },
    ).catch(() => problems.push('TimelineJS never fired "ready" within 60 s'));
    // Let the first layout pass place the markers.
    await page.waitForFunction((n) => document.querySelectorAll('.tl-timemarker').length >= n, events.length, { timeout: 10_000 })
      .catch(() => {});
    await page.waitForTimeout(500);

    // Open events: TimelineJS has no open spans, so factline draws them over a bounded span.
    const open = events
      .filter((e) => /^(until|since) |( or (earlier|later))$/.test(e.display_date || ''))
      .map((e) => ({ id: e.unique_id, shown: e.display_date }));
    if (events.length && !open.length) problems.push('no open ("until", "since") event to check');
    const spans = await page.evaluate((open) => open.map(({ id, shown }) => {
      const marker = document.getElementById(id + '-marker');
      const span = marker && marker.querySelector('.tl-timemarker-timespan');
      const slide = document.getElementById(id);
      const text = slide ? slide.textContent : '';
      return {
        id,
        shown,
        withEnd: !!marker && marker.classList.contains('tl-timemarker-with-end'),
        spanWidth: span ? span.getBoundingClientRect().width : 0,
        says: text.includes(shown) && /No (start|end) is known/.test(text),
      };
    }), open);
    const points = spans.filter((s) => !s.withEnd || s.spanWidth < 2);
    if (points.length) {
      problems.push(`${points.length} open event(s) drawn as a point, not a span: ${points.slice(0, 3).map((s) => `${s.id} (${s.shown})`).join(', ')}`);
    }
    const silent = spans.filter((s) => !s.says);
    if (silent.length) {
      problems.push(`${silent.length} open event(s) whose slide does not say the span is open: ${silent.slice(0, 3).map((s) => s.id).join(', ')}`);
    }

    const state = await page.evaluate((ids) => {
      const c = window.__check;
      const t = c.timeline;
      const config = t && t.config;
      const message = document.querySelector('.tl-message-full, .tl-message');
      return {
        error: c.error,
        ready: c.ready,
        configErrors: config ? config.getErrors().map((e) => (e && e.message_key ? `${e.message_key} ${e.detail || ''}` : String(e))) : ['no config'],
        configEvents: config && config.events ? config.events.length : -1,
        configIds: config && config.events ? config.events.map((e) => e.unique_id) : [],
        markers: document.querySelectorAll('.tl-timemarker').length,
        slides: document.querySelectorAll('.tl-slide').length,
        titleSlides: document.querySelectorAll('.tl-slide.tl-slide-titleslide').length,
        missingSlides: ids.filter((id) => !(document.getElementById(id) || {}).classList?.contains('tl-slide')),
        missingMarkers: ids.filter((id) => !(document.getElementById(id + '-marker') || {}).classList?.contains('tl-timemarker')),
        message: message && message.offsetParent !== null ? message.innerText.trim() : '',
        ...(() => {
          // A person sees only what lies inside the embed: the time navigation must fit in it,
          // with at least one marker on screen.
          const box = (el) => el ? el.getBoundingClientRect() : null;
          const embed = box(document.getElementById('timeline-embed'));
          const nav = box(document.querySelector('.tl-timenav'));
          const slider = box(document.querySelector('.tl-storyslider'));
          const inside = (b) => b && b.width > 0 && b.height > 0 && b.top >= embed.top - 1 &&
            b.bottom <= embed.bottom + 1 && b.right > embed.left && b.left < embed.right;
          return {
            embedHeight: Math.round(embed.height),
            navTop: nav ? Math.round(nav.top - embed.top) : -1,
            navHeight: nav ? Math.round(nav.height) : -1,
            groups: document.querySelectorAll('.tl-timegroup').length,
            markersInView: [...document.querySelectorAll('.tl-timemarker .tl-timemarker-content-container')].filter((m) => inside(box(m))).length,
            navFits: inside(nav),
            sliderHeight: slider ? Math.round(slider.height) : 0,
          };
        })(),
      };
    }, ids);

    if (state.error) problems.push(`page script failed: ${state.error}`);
    for (const e of state.configErrors) problems.push(`TimelineJS rejected the data: ${e}`);
    if (state.configEvents !== events.length) problems.push(`TimelineJS kept ${state.configEvents} of ${events.length} events (events without a usable start_date are dropped silently)`);
    const renamed = ids.filter((id) => !state.configIds.includes(id));
    if (renamed.length) problems.push(`TimelineJS renamed or dropped unique_id(s): ${renamed.slice(0, 5).join(', ')}`);
    if (state.markers !== events.length) problems.push(`${state.markers} .tl-timemarker elements rendered for ${events.length} events`);
    const wantSlides = events.length + (data.title ? 1 : 0);
    if (state.slides !== wantSlides) problems.push(`${state.slides} .tl-slide elements rendered, expected ${wantSlides} (events + title slide)`);
    if (data.title && state.titleSlides !== 1) problems.push(`${state.titleSlides} title slides rendered, expected 1`);
    if (state.missingSlides.length) problems.push(`no slide for unique_id(s): ${state.missingSlides.slice(0, 5).join(', ')}`);
    if (state.missingMarkers.length) problems.push(`no marker for unique_id(s): ${state.missingMarkers.slice(0, 5).join(', ')}`);
    if (!state.navFits) {
      problems.push(`the time navigation does not fit in the ${state.embedHeight}px embed: it starts ${state.navTop}px down and is ${state.navHeight}px tall (${state.groups} groups, one row each)`);
    }
    // The slides (headline, text, citations) are what a reader reads: TimelineJS gives the
    // navigation 25% by default and grows it one row per group, shrinking the slides.
    if (state.sliderHeight < state.embedHeight / 2) {
      problems.push(`the slides get ${state.sliderHeight}px of the ${state.embedHeight}px embed (less than half): the time navigation needs ${state.navHeight}px for ${state.groups} groups`);
    }
    if (events.length && state.markersInView === 0) problems.push('no time marker is visible inside the embed');
    if (state.message) problems.push(`TimelineJS shows a message: ${state.message.slice(0, 200)}`);

    for (const e of seen.pageErrors) problems.push(`page error: ${e.split('\n')[0]}`);
    let ignored = 0;
    for (const e of seen.consoleErrors) {
      if (blocked.includes(e.url) && isTimelineFont(e.url) && /^Failed to load resource/.test(e.text)) {
        ignored += 1;
      } else {
        problems.push(`console error: ${e.text}${e.url ? ` (${e.url})` : ''}`);
      }
    }
    const fonts = blocked.filter(isTimelineFont);
    if (fonts.length) notes.push(`blocked ${fonts.length} font file(s) on fonts.gstatic.com (TimelineJS's font.default.css); ignored ${ignored} console error(s) for them`);
    for (const url of blocked.filter((u) => !fonts.includes(u))) notes.push(`blocked request to ${url}`);

    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'timeline-timelinejs.png') });
    }
    for (const n of [...new Set(notes)]) console.log(`    note: ${n}`);
    return report(NAME, problems, `${state.markers} markers (${state.markersInView} in view) and ${state.slides} slides for ${events.length} events, ${state.groups} groups; ${spans.length} open events drawn as spans`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().then((ok) => process.exit(ok ? 0 : 1), (e) => {
  console.log(`FAIL ${NAME}: ${e && e.stack || e}`);
  process.exit(1);
});
