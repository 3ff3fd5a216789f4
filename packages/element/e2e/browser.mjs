// What the end-to-end specs share: the system's Chromium (never a download),
// the folder the screenshots go to, and where an element's centre is.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** Where the specs save their screenshots (test-output/e2e/). */
export const shots = fileURLToPath(new URL('../../../test-output/e2e/', import.meta.url));
mkdirSync(shots, { recursive: true });

/** Headless Chromium: CHROME_PATH, else /usr/bin/chromium. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** Centre of an element (Playwright locators pierce open shadow roots). */
export async function centre(locator) {
  const box = await locator.boundingBox();
  assert.ok(box, 'element is visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
