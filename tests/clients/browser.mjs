// Shared helpers for the headless-Chromium checks: launch Debian's chromium through
// playwright-core (never a downloaded browser), and collect a page's errors.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.FACTLINE_CHROMIUM || '/usr/bin/chromium';

// This machine's network is closed: keep Chromium from reaching out on its own.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// chromium.launch gives the browser a fresh temporary --user-data-dir and removes it on close.
export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
}

// Records page errors (uncaught exceptions) and console messages of type "error" on `page`.
export function watch(page) {
  const seen = { pageErrors: [], consoleErrors: [], requests: [], failed: [] };
  page.on('pageerror', (err) => seen.pageErrors.push(String(err && err.stack || err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      seen.consoleErrors.push({ text: msg.text(), url: (loc && loc.url) || '' });
    }
  });
  page.on('request', (req) => seen.requests.push(req.url()));
  page.on('requestfailed', (req) => seen.failed.push(`${req.url()} (${req.failure()?.errorText})`));
  return seen;
}

// One PASS/FAIL line per check; returns whether it passed.
export function report(name, problems, detail = '') {
  if (problems.length === 0) {
    console.log(`PASS ${name}${detail ? ': ' + detail : ''}`);
    return true;
  }
  console.log(`FAIL ${name}: ${problems.length} problem(s)`);
  for (const p of problems.slice(0, 20)) console.log(`    - ${p}`);
  if (problems.length > 20) console.log(`    ... and ${problems.length - 20} more`);
  return false;
}
