// The overlay's stylesheet. It lives inside the overlay's shadow root, so the
// page's CSS cannot reach it and it cannot reach the page.

export const CATEGORY_COLORS = {
  spelling: '#e5484d',
  grammar: '#e38a00',
  punctuation: '#8e4ec6',
  capitalization: '#0b7fd9',
  'word-choice': '#12a594',
  style: '#3e63dd',
};

const categoryRules = Object.entries(CATEGORY_COLORS)
  .map(([c, color]) => `[data-category="${c}"] { --rl-color: ${color}; }`)
  .join('\n');

export const OVERLAY_CSS = `
:host { all: initial; position: fixed; left: 0; top: 0; width: 0; height: 0; overflow: visible; z-index: 2147483646; }
${categoryRules}
.underline {
  position: fixed; pointer-events: none; box-sizing: border-box;
  border-bottom: 2px solid var(--rl-color, #e5484d);
}
.underline.active { background: color-mix(in srgb, var(--rl-color, #e5484d) 16%, transparent); }
.badge {
  position: fixed; pointer-events: auto; box-sizing: border-box; display: flex; align-items: center; gap: 4px;
  height: 20px; min-width: 20px; padding: 0 6px; border-radius: 10px; border: 1px solid rgba(0,0,0,.15);
  font: 600 11px/18px system-ui, sans-serif; color: #fff; background: #16a34a; cursor: pointer; opacity: .92;
  box-shadow: 0 1px 3px rgba(0,0,0,.2);
}
.badge:focus-visible { outline: 2px solid #0b7fd9; outline-offset: 2px; }
.badge[data-state="checking"] { background: #6b7280; }
.badge[data-state="issues"] { background: #e5484d; }
.badge[data-state="unavailable"] { background: #9ca3af; color: #111; }
.badge[data-state="checking"]::before {
  content: ""; width: 8px; height: 8px; border-radius: 50%; border: 2px solid #fff; border-right-color: transparent;
  animation: rl-spin .8s linear infinite;
}
@keyframes rl-spin { to { transform: rotate(360deg); } }
.card {
  position: fixed; pointer-events: auto; box-sizing: border-box; width: max-content; max-width: 340px; min-width: 220px;
  padding: 10px 12px; border-radius: 8px; background: #fff; color: #1f2328; border: 1px solid #d0d7de;
  border-top: 3px solid var(--rl-color, #e5484d);
  box-shadow: 0 8px 24px rgba(0,0,0,.18); font: 13px/1.4 system-ui, sans-serif;
}
.card:focus { outline: none; }
.card .head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 6px; }
.card .category { font-weight: 700; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--rl-color, #e5484d); }
.card .nav { display: flex; align-items: center; gap: 2px; color: #57606a; font-size: 11px; }
.card .message { margin: 0 0 8px; }
.card .replacements { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
.card button { font: inherit; cursor: pointer; border-radius: 6px; }
.card .replacement {
  border: 0; padding: 4px 10px; background: #0b7fd9; color: #fff; font-weight: 600;
}
.card .replacement.remove { text-decoration: line-through; background: #57606a; }
.card .actions { display: flex; flex-wrap: wrap; gap: 6px; border-top: 1px solid #eaeef2; padding-top: 8px; }
.card .action, .card .nav button { border: 1px solid #d0d7de; background: #f6f8fa; color: #1f2328; padding: 2px 8px; }
.card .nav button { padding: 0 6px; }
.card button:focus-visible { outline: 2px solid #0b7fd9; outline-offset: 1px; }
.card .original { color: #57606a; text-decoration: line-through; }
.card .hint code { background: #f6f8fa; padding: 0 3px; border-radius: 3px; }
.mirror-layer { position: fixed; left: 0; top: 0; width: 0; height: 0; overflow: visible; visibility: hidden; }
`;
