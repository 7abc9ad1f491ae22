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
