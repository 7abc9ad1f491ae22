// A long e-mail checked in one request with a host that streams (PROTOCOL.md, "Partial
// results"): the paragraph in view is underlined while the rest of the text is still being
// checked, and in the end what is drawn is the host's answer for the whole text. The times
// are printed, not asserted (they depend on the machine).
import { test, expect, EXTENSION_ID } from './fixtures.js';
import { underlines } from './editor_suite.js';
import { normalizeSuggestions } from '../../extension/shared/protocol.js';

// Written for this test (about 1,100 words, 22 paragraphs, every sentence different), with a
// few slips, two in the first paragraph.
export const LONG_EMAIL = [
  'Hi everyone, the garden club has finally agreed on a plan for the spring. I wants to share it with all of you before our meeting on Thursday. It took three evenings of discusion, two pots of coffee and one heated argument about tomatoes, but we got there in the end.',
  'First, the big news: the town council has given us the empty lot behind the library for the next five years. We will need to clear the rubble, test the soil and build raised beds before anything can be planted, so the first month will be mostly hard work rather than gardening.',
  'Maria has offered to coordinate the clearing days. She suggests we meet every Saturday morning at nine, starting on the first weekend of March, and work until about noon. Anyone who can bring a wheelbarrow, a rake or a pair of sturdy gloves should let her know in advance.',
  'The soil test is booked with the agricultural college. A student will come out on the twelfth to take samples from six places on the lot, and the results should arrive within two weeks. If the ground turns out to be contaminated, we will bring in clean topsoil for every bed.',
  'For the raised beds themselves, we looked at three options: untreated larch, recycled plastic boards and old scaffolding planks. Larch lasts about ten years and looks lovely, but it costs almost twice as much as the planks, which a builder in the next village will give us for free.',
  'After a long debate we decided to use the scaffolding planks for the first twelve beds and to buy larch for two accessible beds at wheelchair height near the entrance. Peter measured the path and says there is room for a wide gravel track between them.',
  'Water is the next problem. The lot has no tap, and the library has said we can use their outside connection only on weekdays when the building is open. We are therefore planning to collect rain from the library roof in four large butts, which should cover most of the summer.',
  'Tom, who used to work as a plumber, have offered to fit the gutters and the overflow pipes. He needs two helpers for a full day in late March, ideally people who are comfortable on a ladder and do not mind getting wet if it rains while they work.',
  'On the question of what to grow, the members voted for a mix of vegetables, herbs and flowers for pollinators. Each family that signs up will get half a bed of their own, and the remaining beds will be shared, with the harvest going to the food bank on Market Street.',
  'The food bank was delighted when we asked them. Their manager told us that fresh vegetables are the thing they receive least often, and that even a few crates of courgettes and beans each week in August would make a real difference to the families they support.',
  'We also want the garden to be a place where children can learn. The primary school around the corner has asked whether its pupils could visit on Friday afternoons, and two of our members who are retired teachers are already writing a short programme of activities for them.',
  'Of course, all of this costs money. Our current budget is a little over four hundred pounds, most of it from last year\'s plant sale. We have applied for a small grant from the community fund and expects an answer by the end of February; the form asked for a simple drawing of the layout.',
  'If the grant does not come through, we will hold a second plant sale in May and ask local businesses to sponsor a bed each. The bakery and the hardware shop have both said they would be happy to put their name on a small wooden sign in exchange for a modest donation.',
  'Insurance is sorted, at least for the first year. The council\'s policy covers volunteers working on its land as long as we keep a signed list of everyone who attends each session, so please do not be offended when Maria asks you to write your name on her clipboard.',
  'Tools will be kept in a lockable shed that the scouts no longer need. They are moving it for us on a trailer in the second week of March, and we will paint it together one Saturday afternoon. Please suggest a colour, although I suspect green will win again.',
  'We discussed composting at some length. The plan is to build three bays from pallets in the far corner, away from the library windows, and to accept garden waste from members only. Kitchen scraps attract rats, and the librarian made it very clear that she do not want any.',
  'For the paths between the beds we will use wood chip, which the tree surgeons on the industrial estate deliver for nothing. It needs topping up every autumn, but it is soft underfoot, keeps the weeds down and smells wonderful on a warm day after a shower.',
  'Several people asked about a bench. A local carpenter has offered to make one from an oak tree that came down in last winter\'s storm, and we thought it could carry a small plaque for Eleanor, who started the garden club twenty years ago and still comes to every meeting.',
  'Finally, a word about communication. These long e-mails are getting hard to follow, so from next month we will also keep a simple noticeboard in the shed with the rota, the watering schedule and any news. The e-mail list will stay for anyone who prefers it.',
  'Please reply by Wednesday if you can help with the clearing days, the gutters or the painting, and tell me whether you would like a bed of your own. If you know someone who might want to join, bring them along on Thursday; new members are always welcome.',
  'The meeting will be in the library\'s community room at seven, and there will be tea, biscuits and, if Peter remembers, the last jar of his famous chutney. We should be finished by half past eight, unless the tomato argument starts again.',
  'Thank you all for your patience and your ideas over the winter. I think this could be the best year the club has had, and I am looking forward to seeing the first seedlings come up in the new beds. Best wishes, Sam',
].join('\n');

test('a long e-mail: the paragraph in view is underlined while the rest is still being checked', async ({ page, server, oracle }) => {
  const text = LONG_EMAIL;
  const words = text.split(/\s+/).length;
  await page.goto(`${server.url}/textarea.html`);
  await page.click('#message');
  // The host is up and its model loaded (as on a page open for a while).
  const badge = page.locator('redline-overlay .badge');
  await page.keyboard.type('Hello there.');
  await expect(badge).toHaveAttribute('data-state', 'ok', { timeout: 90000 });
  // It streams (protocol 2), so the extension sends the whole e-mail in one request.
  const popup = await page.context().newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup/popup.html`);
  const status = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'status' }));
  expect(status.status).toMatchObject({ state: 'connected', protocol: 2, streams: true });
  await popup.close();
  await page.bringToFront();

  // The whole e-mail arrives at once (a paste), the caret at its start: the top is in view.
  const t0 = Date.now();
  await page.locator('#message').evaluate((el, t) => {
    el.value = t;
    el.setSelectionRange(0, 0);
    el.scrollTop = 0;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  const firstParagraphEnd = text.indexOf('\n');
  await expect.poll(async () => (await underlines(page)).length, { timeout: 120000, intervals: [25] }).toBeGreaterThan(0);
  const firstUnderline = Date.now() - t0;
  const busyAtFirst = await badge.getAttribute('data-busy');
  const drawnFirst = await underlines(page);
  const done = () => badge.evaluate((b) => b.dataset.state !== 'checking' && b.dataset.busy !== 'true');
  await expect.poll(done, { timeout: 170000, intervals: [50] }).toBe(true);
  const whole = Date.now() - t0;
  console.log(`streaming: ${words} words, ${text.length} chars, 22 paragraphs in one request: first underline ${firstUnderline} ms, whole text checked ${whole} ms after the paste`);
  expect(busyAtFirst, 'the first underline came while the rest of the text was still being checked').toBe('true');
  expect(drawnFirst.every((u) => u.end <= firstParagraphEnd), 'the first underlines are in the paragraph in view').toBe(true);

  // In the end, what the host says about the whole text: the badge counts it all, the
  // underlines in view sit on the host's spans.
  const expected = normalizeSuggestions(text, await oracle.check(text));
  await expect(badge).toHaveText(String(expected.length));
  const keys = new Set(expected.map((s) => `${s.start}-${s.end}`));
  const drawn = await underlines(page);
  expect(drawn.length).toBeGreaterThan(0);
  for (const u of drawn) expect(keys.has(`${u.start}-${u.end}`), `${u.start}-${u.end}`).toBe(true);
});
