// A plain <textarea> in a form.
import { editorSuite } from './editor_suite.js';
import { test, expect } from './fixtures.js';

editorSuite({
  name: 'textarea',
  kind: 'textarea',
  path: '/textarea.html',
  field: '#message',
  modelText: (page) => page.locator('#message').inputValue(),
  caret: (page) => page.locator('#message').evaluate((el) => el.selectionStart),
});

test('password and e-mail fields are never checked', async ({ page, server }) => {
  await page.goto(`${server.url}/textarea.html`);
  for (const id of ['#password', '#email']) {
    await page.click(id);
    await page.keyboard.type('He go to school.');
  }
  await page.waitForTimeout(1500);
  const overlay = await page.evaluate(() => document.querySelector('redline-overlay')?.shadowRoot?.querySelectorAll('.underline, .badge:not([hidden])').length ?? 0);
  expect(overlay).toBe(0);
});

test('keyboard: the badge opens the card with focus on a replacement; Escape closes it and returns to the field', async ({ page, server, oracle }) => {
  const { pickText, underlines } = await import('./editor_suite.js');
  const pick = await pickText(oracle);
  test.skip(!pick, 'the host suggests no change to any candidate text with the current model');
  await page.goto(`${server.url}/textarea.html`);
  await page.click('#message');
  await page.keyboard.type(pick.text);
  await expect.poll(async () => (await underlines(page)).length, { timeout: 90000 }).toBeGreaterThan(0);
  const badge = page.locator('redline-overlay .badge');
  await expect(badge).toHaveAccessibleName(/issue/);
  await badge.focus();
  await page.keyboard.press('Enter');
  const card = page.locator('redline-overlay .card');
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('role', 'dialog');
  const focused = await page.evaluate(() => document.querySelector('redline-overlay').shadowRoot.activeElement?.textContent);
  const first = pick.suggestions[0];
  expect(focused).toBe(first.replacements.length ? (first.replacements[0] || `Remove “${first.text.trim()}”`) : 'Ignore');
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(page.locator('#message')).toBeFocused();
  expect(await page.locator('#message').evaluate((el) => el.selectionStart)).toBe(pick.text.length);
  await expect(page.locator('#message')).toHaveValue(pick.text);
});
