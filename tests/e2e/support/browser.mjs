// Debian's Chromium driven by playwright-core (never a downloaded browser).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const artifactsDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../artifacts');

export async function launchBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyhole-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

// A new page that records console messages and page errors, for assertions.
export async function openPage(context, url) {
  const page = await context.newPage();
  page.consoleMessages = [];
  page.on('console', (m) => page.consoleMessages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => page.consoleMessages.push(`pageerror: ${e.message}`));
  if (url) await page.goto(url);
  return page;
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

// A screenshot the README shows (tests/screenshots/, checked in): taken on
// every run, so the README always shows the current build.
export const readmeShotsDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../screenshots');
export async function readmeScreenshot(page, name) {
  fs.mkdirSync(readmeShotsDir, { recursive: true });
  await page.screenshot({ path: path.join(readmeShotsDir, `${name}.png`) });
}
