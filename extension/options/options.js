// The options page: transport, categories, per-site switch, personal dictionary,
// ignored suggestions. Everything is stored in chrome.storage.local through
// shared/settings.js; the service worker reconnects when the transport changes.

import { ext } from '../shared/ext.js';
import { MSG, CATEGORIES, CATEGORY_LABELS, SENSITIVITIES, SENSITIVITY_LABELS } from '../shared/protocol.js';
import { loadSettings, saveSettings, siteOf } from '../shared/settings.js';
import { describeStatus } from '../shared/status_text.js';

const $ = (id) => document.getElementById(id);
const storage = ext.storage.local;

function showStatus(status) {
  $('status').dataset.state = status?.state ?? 'disconnected';
  $('status-text').textContent = describeStatus(status);
  $('fix').textContent = status?.state === 'connected' ? '' : status?.message ?? '';
}

function listItems(ul, items, label, onRemove) {
  ul.replaceChildren();
  for (const item of items) {
    const li = document.createElement('li');
    const span = document.createElement('span');
    span.textContent = label(item);
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = 'Remove';
    b.setAttribute('aria-label', `Remove ${label(item)}`);
    b.addEventListener('click', () => onRemove(item));
    li.append(span, b);
    ul.append(li);
  }
}

async function render() {
  const s = await loadSettings(storage);
  for (const radio of document.querySelectorAll('input[name="transport"]')) radio.checked = radio.value === s.transport;
  $('ws-settings').hidden = s.transport !== 'websocket';
  $('ws-port').value = s.wsPort;
  $('ws-token').value = s.wsToken;
  const levels = $('sensitivity');
  levels.querySelectorAll('label').forEach((l) => l.remove());
  for (const level of SENSITIVITIES) {
    const label = document.createElement('label');
    const radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = 'sensitivity';
    radio.value = level;
    radio.checked = s.sensitivity === level;
    radio.addEventListener('change', () => saveSettings({ sensitivity: level }, storage));
    label.append(radio, ` ${SENSITIVITY_LABELS[level]}`);
    levels.append(label);
  }
  const cats = $('categories');
  cats.replaceChildren();
  for (const c of CATEGORIES) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = s.categories[c] !== false;
    box.addEventListener('change', () => saveSettings({ categories: { ...s.categories, [c]: box.checked } }, storage));
    label.append(box, ` ${CATEGORY_LABELS[c]}`);
    cats.append(label);
  }
  listItems($('sites'), s.disabledSites, (x) => x, (x) => saveSettings({ disabledSites: s.disabledSites.filter((y) => y !== x) }, storage));
  listItems($('words'), s.dictionary, (x) => x, (x) => saveSettings({ dictionary: s.dictionary.filter((y) => y !== x) }, storage));
  listItems(
    $('ignored'),
    s.ignored,
    (e) => (e.replacement ? `“${e.text}” → “${e.replacement}”` : `“${e.text}”`),
    (e) => saveSettings({ ignored: s.ignored.filter((y) => y.key !== e.key) }, storage),
  );
}

async function addTo(key, value) {
  const s = await loadSettings(storage);
  if (value) await saveSettings({ [key]: [...s[key], value] }, storage);
}

document.querySelectorAll('input[name="transport"]').forEach((radio) =>
  radio.addEventListener('change', () => saveSettings({ transport: radio.value }, storage)),
);
$('ws-port').addEventListener('change', (e) => saveSettings({ wsPort: Number(e.target.value) }, storage));
$('ws-token').addEventListener('change', (e) => saveSettings({ wsToken: e.target.value }, storage));
$('reconnect').addEventListener('click', async () => {
  $('status-text').textContent = 'Connecting…';
  const reply = await ext.runtime.sendMessage({ type: MSG.RECONNECT });
  showStatus(reply?.status);
});
$('site-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const raw = $('site-input').value.trim();
  addTo('disabledSites', raw.includes('/') ? siteOf(raw) : raw.toLowerCase());
  $('site-input').value = '';
});
$('word-form').addEventListener('submit', (e) => {
  e.preventDefault();
  addTo('dictionary', $('word-input').value.trim());
  $('word-input').value = '';
});
$('clear-ignored').addEventListener('click', () => saveSettings({ ignored: [] }, storage));

storage.onChanged ? storage.onChanged.addListener(render) : ext.storage.onChanged.addListener(render);
render();
ext.runtime.sendMessage({ type: MSG.STATUS }).then((r) => showStatus(r?.status));
