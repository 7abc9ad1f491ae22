// Without a registered host: the field's badge, its card and the popup all say
// what is wrong and how to fix it (`redline install`).
import { test, expect, launchBrowser, EXTENSION_ID } from './fixtures.js';
import { badgeState } from './editor_suite.js';

test('no host: the badge and the popup show the fix', async ({ server }) => {
  const b = await launchBrowser({ withHost: false });
  try {
    const page = await b.context.newPage();
    await page.goto(`${server.url}/textarea.html`);
    await page.click('#message');
    await page.keyboard.type('He go to school.');
    await expect.poll(() => badgeState(page)).toBe('unavailable');
    const badge = page.locator('redline-overlay .badge');
    await expect(badge).toHaveAttribute('title', /redline install/);
    await badge.click();
    await expect(page.locator('redline-overlay .card')).toContainText('redline install');
    // Typing goes on untouched.
    await expect(page.locator('#message')).toHaveValue('He go to school.');

    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
    await expect(popup.locator('#status-text')).toHaveText('Host not installed');
    await expect(popup.locator('#fix')).toContainText('redline install');
  } finally {
    await b.close();
  }
});
