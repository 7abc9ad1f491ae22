// The toolbar popup, opened as its page: check pasted text, list the host's
// suggestions, show and copy the corrected text, show the host status.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, EXTENSION_ID } from './fixtures.js';
import { pickText } from './editor_suite.js';
import { SCREENSHOTS } from './paths.js';
import { correctedText, replacementLabel } from '../../extension/shared/edits.js';

test('the extension has the fixed id from the manifest key', async ({ chromiumWithExtension }) => {
  expect(chromiumWithExtension.extensionId).toBe(EXTENSION_ID);
});

test('popup: check text, see the host’s suggestions and the corrected text, copy it', async ({ chromiumWithExtension, page, oracle }) => {
  const pick = await pickText(oracle);
  test.skip(!pick, 'the host suggests no change to any candidate text with the current model');
  const hello = await oracle.hello();
  await page.setViewportSize({ width: 404, height: 640 });
  await page.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
  await page.fill('#text', pick.text);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.locator('#results li')).toHaveCount(pick.suggestions.length, { timeout: 90000 });
  for (const s of pick.suggestions) {
    for (const r of s.replacements) await expect(page.locator('#results').getByRole('button', { name: replacementLabel(s, r), exact: true }).first()).toBeVisible();
  }
  await expect(page.locator('#corrected')).toHaveValue(correctedText(pick.text, pick.suggestions));
  await expect(page.locator('#status-text')).toHaveText(`Connected via native messaging · ${hello.model} · host ${hello.host_version}`);

  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.locator('#copied')).toHaveText('Copied'); // shown only once the clipboard write succeeded

  await mkdir(SCREENSHOTS, { recursive: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'popup.png'), clip: { x: 0, y: 0, width: 404, height } });

  // Applying one suggestion from the list edits the text and checks again.
  const first = pick.suggestions.find((s) => s.replacements.length);
  await page.locator('#results').getByRole('button', { name: replacementLabel(first, first.replacements[0]), exact: true }).first().click();
  await expect(page.locator('#text')).toHaveValue(pick.text.slice(0, first.start) + first.replacements[0] + pick.text.slice(first.end));
});
