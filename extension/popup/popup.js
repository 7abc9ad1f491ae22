// The popup: check pasted text, list the suggestions, show and copy the corrected
// text, and show how the host is connected.

import { ext } from '../shared/ext.js';
import { MSG, CATEGORY_LABELS, SENSITIVITIES, SENSITIVITY_LABELS } from '../shared/protocol.js';
import { correctedText, replaceSpan, replacementLabel } from '../shared/edits.js';
import { loadSettings, saveSettings } from '../shared/settings.js';
import { visibleSuggestions } from '../shared/filters.js';
import { describeStatus } from '../shared/status_text.js';

const $ = (id) => document.getElementById(id);
let suggestions = [];
let checkedText = '';

/** The sensitivity menu: the same setting as the options page; a change re-checks the text. */
async function setUpSensitivity() {
  const menu = $('sensitivity');
  const { sensitivity } = await loadSettings(ext.storage.local);
  for (const level of SENSITIVITIES) menu.append(new Option(SENSITIVITY_LABELS[level], level, false, level === sensitivity));
  menu.addEventListener('change', async () => {
    await saveSettings({ sensitivity: menu.value }, ext.storage.local);
    if (checkedText) await check();
  });
}

function showStatus(status) {
  $('status').dataset.state = status?.state ?? 'disconnected';
  $('status-text').textContent = describeStatus(status);
  $('status').title = status?.message ?? '';
  renderFix(status?.state === 'connected' ? '' : status?.message ?? '');
}

/** The fix text, with `command` spans shown as code. */
function renderFix(message) {
  const fix = $('fix');
  fix.replaceChildren();
  message.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`')) {
      const code = document.createElement('code');
      code.textContent = part.slice(1, -1);
      fix.append(code);
    } else if (part) fix.append(part);
  });
}

async function refreshStatus() {
  const reply = await ext.runtime.sendMessage({ type: MSG.STATUS });
  showStatus(reply?.status);
  return reply?.status;
}

async function check() {
  const text = $('text').value;
  checkedText = text;
  $('summary').textContent = 'Checking…';
  $('check').disabled = true;
  try {
    const reply = await ext.runtime.sendMessage({ type: MSG.CHECK, text, field: 'popup' });
    if (!reply?.ok) {
      suggestions = [];
      $('summary').textContent = reply?.message ?? 'The check failed.';
      await refreshStatus();
    } else {
      suggestions = visibleSuggestions(text, reply.suggestions, await loadSettings(ext.storage.local));
      const n = suggestions.length;
      $('summary').textContent = n === 0 ? 'No issues found.' : `${n} ${n === 1 ? 'suggestion' : 'suggestions'}`;
      await refreshStatus();
    }
  } finally {
    $('check').disabled = false;
  }
  render();
}

function render() {
  const list = $('results');
  list.replaceChildren();
  for (const s of suggestions) {
    const li = document.createElement('li');
    li.dataset.category = s.category;
    const cat = document.createElement('span');
    cat.className = 'cat';
    cat.textContent = CATEGORY_LABELS[s.category] ?? s.category;
    const change = document.createElement('div');
    change.className = 'change';
    const from = document.createElement('span');
    from.className = 'from';
    from.textContent = s.text || '(insert)';
    change.append(from, ' →');
    for (const r of s.replacements) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = replacementLabel(s, r);
      b.addEventListener('click', () => applyOne(s, r));
      change.append(b);
    }
    li.append(cat, change);
    if (s.message) {
      const msg = document.createElement('p');
      msg.className = 'msg';
      msg.textContent = s.message;
      li.append(msg);
    }
    list.append(li);
  }
  const section = $('corrected-section');
  section.hidden = checkedText === '' || suggestions.length === 0;
  $('corrected').value = correctedText(checkedText, suggestions);
}

function applyOne(s, replacement) {
  const field = $('text');
  if (field.value !== checkedText) return check();
  field.value = replaceSpan(checkedText, s.start, s.end, replacement);
  return check();
}

async function copy() {
  try {
    await navigator.clipboard.writeText($('corrected').value);
  } catch {
    // No clipboard permission (e.g. the page lost focus): copy the selected text instead.
    $('corrected').select();
    if (!document.execCommand('copy')) {
      $('copied').textContent = 'Select the text and copy it';
      return;
    }
  }
  $('copied').textContent = 'Copied';
  setTimeout(() => ($('copied').textContent = ''), 1500);
}

$('check').addEventListener('click', check);
$('text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) check();
});
$('copy').addEventListener('click', copy);
$('options').addEventListener('click', () => ext.runtime.openOptionsPage());
refreshStatus();
setUpSensitivity();
