"""How much one request may ask of the host, in one place.

Each limit bounds work as well as memory: the checker's cost grows with the text, so a
transport that accepts more text accepts more work. Lengths are in UTF-16 code units, as
the browser counts them.
"""

MAX_CHECK_UTF16 = 40_000       # one `check` over native messaging or the websocket: an e-mail of 4,000+ words, answered
                               # a paragraph at a time (protocol 2); the extension splits longer fields at paragraphs
MAX_LT_UTF16 = 100_000         # one LanguageTool API check (its clients send whole documents)
MAX_CHECKER_UTF16 = 200_000    # any one Checker.check / Checker.correct call (`redline check` on a file)
MAX_FRAME_BYTES = 256 * 1024   # longest inbound message; MAX_CHECK_UTF16 characters JSON-escaped fit (6 bytes each)
MAX_REPLY_BYTES = 1024 * 1024  # the browsers refuse native messages over 1 MB; we never send more

# Work: a check's budget (engine.py) grows with its length, in the CPU time of its thread.
BUDGET_BASE_S = 1.5          # every check may take this long, whatever its length …
BUDGET_PER_UNIT_S = 0.0004   # … plus this per UTF-16 unit: 20,000 units -> 9.5 s (plain prose takes ~0.33 ms
                             # per unit on the 2-core dev machine, contended); 40,000 -> 17.5 s
WALL_CAP = 3.0               # a check also stops after this many budgets of wall-clock time
