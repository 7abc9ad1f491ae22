// When an editor does not take an accepted suggestion, Redline says so on the card (with the
// replacement to copy), keeps the suggestion, and leaves the person's text exactly as it was.
import { test, expect } from './fixtures.js';
import { pickText, underlines } from './editor_suite.js';
import { replacementLabel } from '../../extension/shared/edits.js';

const EDITORS = { inert: 'ignores the edit', rerendering: 'renders its model over the edit', garbling: 'garbles the edit' };

for (const [id, what] of Object.entries(EDITORS)) {
  test(`an editor that ${what}: the card says so, the text is unchanged, the suggestion stays`, async ({ page, server, oracle, chromiumWithExtension }) => {
    const pick = await pickText(oracle);
    test.skip(!pick, 'the host suggests no change to any candidate text with the current model');
    const { text, suggestions, target } = pick;
    await chromiumWithExtension.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/refusing.html?text=${encodeURIComponent(text)}`);
    const field = page.locator(`#${id}`);
    await field.click();
    const ours = async () => (await underlines(page)).filter((u) => u.start === target.start && u.end === target.end);
    await expect.poll(async () => (await ours()).length, { timeout: 90000 }).toBeGreaterThan(0);
    const u = (await ours())[0];
    await page.mouse.move((u.left + u.right) / 2, (u.top + u.bottom) / 2, { steps: 3 });
    const card = page.locator('redline-overlay .card');
    await card.getByRole('button', { name: replacementLabel(target, target.replacements[0]), exact: true }).click();

    await expect(card).toBeVisible();
    await expect(card).toContainText('didn’t accept the change');
    await expect(field).toHaveText(text); // nothing partial is left behind
    // The card stays up while the mouse moves away, until closed.
    await page.mouse.move(5, 5, { steps: 3 });
    await page.waitForTimeout(600);
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: `Copy “${target.replacements[0]}”` }).click();
    await expect(card.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(target.replacements[0]);
    await card.getByRole('button', { name: 'Close' }).click();
    await expect(card).toBeHidden();
    // The suggestion is still there to use.
    await expect.poll(async () => (await ours()).length).toBeGreaterThan(0);
    expect(suggestions.length).toBeGreaterThan(0);
  });
}
