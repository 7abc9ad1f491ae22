// Harper (harper.js, pinned in package.json) as a line-by-line corrector for evaluate.py:
//     python -m model.recipe.evaluate --command "node model/recipe/harper_correct.mjs" --no-card
// Reads one text per line on stdin and writes exactly one corrected line per input line on
// stdout: every lint's first suggestion is applied (lints without one are skipped).
import { createInterface } from 'node:readline';
import { Dialect, LocalLinter } from 'harper.js';
// The inlined binary: the plain `harper.js/binary` loads the wasm file with fetch/fs shims
// that only work in a browser bundle; the data: URL works in Node as is.
import { binaryInlined } from 'harper.js/binaryInlined';

const linter = new LocalLinter({ binary: binaryInlined, dialect: Dialect.American });

async function correct(line) {
  if (!line.trim()) return line; // empty lines stay empty
  // Plain text, not the default Markdown: the sentences carry no markup.
  const lints = (await linter.lint(line, { language: 'plaintext' }))
    .filter((lint) => lint.suggestion_count() > 0);
  // From the end backwards, so the spans of the lints still to apply stay valid; a lint that
  // overlaps one already applied is skipped (dedup already removes most of those).
  lints.sort((a, b) => b.span().start - a.span().start || b.span().end - a.span().end);
  let text = line;
  let limit = Infinity;
  for (const lint of lints) {
    const { start, end } = lint.span();
    if (end > limit || (end === limit && start === end)) continue;
    // The library applies the suggestion itself (its spans count Unicode chars, not UTF-16 units).
    text = await linter.applySuggestion(text, lint, lint.suggestions()[0]);
    limit = start;
  }
  // A suggestion must not split the line: the evaluation needs one output line per input line.
  return text.replace(/[\r\n]+/g, ' ');
}

const out = [];
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  out.push(await correct(line));
}
process.stdout.write(out.map((l) => l + '\n').join(''));
