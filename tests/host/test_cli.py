"""`redline check`, `correct` and `bench` run as a user runs them (the console script,
in a subprocess, on the shipped model): readable output, bad input refused with a
clear error and nothing written, hard-wrapped text kept as it was wrapped."""

import json
import os
import re
import subprocess
import textwrap

import pytest

from tests.host.redline_cli import REDLINE, open_terminal, read_pty, redline

ERRORS = "He go to school yesterday and buy a apple. "
# A paragraph with errors near the ends of its lines whichever width it is wrapped at.
PARAGRAPH = ("Indeed, I think it is the sort of reprehensible behavior that split Unix into the mess it was in "
             "a few years back. Vendors wrote there own installers to lock people to their system, and they "
             "added all sort of functions that was not available to other systems, so the user suffer.")


def fold(text: str, width: int) -> str:
    """`fold -s -w WIDTH`: break after the last space that fits, the space kept at the line end."""
    return subprocess.run(["fold", "-s", "-w", str(width)], input=text.encode(), capture_output=True,
                          check=True).stdout.decode()


# --- check -------------------------------------------------------------------------------

def test_check_json_has_spans_lines_and_separate_load_and_check_times():
    r = redline("check", "--json", input=b"Hello.\n\n" + ERRORS.encode())
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["model"] and data["suggestions"] and data["file"] is None
    for s in data["suggestions"]:
        assert {"start", "end", "text", "replacements", "category", "message", "line", "column"} <= set(s)
        assert s["line"] == 3 and ERRORS[s["column"] - 1:].startswith(s["text"])
    assert data["load_ms"] > 0 and data["check_ms"] > 0


def test_check_time_does_not_include_the_model_load(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("\n", encoding="utf-8")
    out = redline("check", str(f)).stdout.decode()
    m = re.search(r"No issues found in .*: checked in (\d+) ms \(model \S+ loaded in (\d+) ms\)", out)
    assert m, out
    assert int(m[1]) < int(m[2])  # nothing to check takes no time; loading the model does
    data = json.loads(redline("check", "--json", str(f)).stdout)
    assert data["check_ms"] < data["load_ms"]


def test_check_prints_location_excerpt_and_caret_like_a_compiler(tmp_path):
    f = tmp_path / "mail.txt"
    f.write_text("Hello,\n\n" + ERRORS + "\n", encoding="utf-8")
    r = redline("check", str(f))
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    blocks = [b for b in out.split("\n\n") if b.startswith(str(f))]
    suggestions = json.loads(redline("check", "--json", str(f)).stdout)["suggestions"]
    assert len(blocks) == len(suggestions) > 0
    for block, s in zip(blocks, suggestions):
        head, excerpt, carets = block.splitlines()[:3]
        assert head.startswith(f"{f}:3:{s['column']}: {s['category']}: {s['message']}")
        code, marks = excerpt.split(" | ", 1)[1], carets.split(" | ", 1)[1]
        at = marks.index("^")
        width = len(re.match(r"\^+", marks[at:])[0])
        assert code[at:at + width] == s["text"]  # the carets sit under the words
        assert s["replacements"][0] in marks[at + width:]
    assert re.search(rf"{len(blocks)} suggestions? in {re.escape(str(f))}: checked in \d+ ms", out)


def test_check_on_a_20000_character_line_prints_a_window_not_the_line(tmp_path):
    f = tmp_path / "long.txt"
    line = (ERRORS * 500)[:20_000]
    f.write_text(line + "\n", encoding="utf-8")
    r = redline("check", "--context", "30", str(f))
    assert r.returncode == 0, r.stderr
    n = len(json.loads(redline("check", "--json", str(f)).stdout)["suggestions"])
    assert n > 100
    excerpts = [x for x in r.stdout.decode().splitlines() if re.match(r"\s*\d+ \| ", x)]
    assert len(excerpts) == n and max(map(len, excerpts)) < 2 * 30 + 40
    assert len(r.stdout) < 400 * n  # it printed 20,000 characters per suggestion before


def test_check_waiting_on_a_terminal_says_so():
    leader, follower = open_terminal()
    proc = subprocess.Popen([str(REDLINE), "check"], stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(follower)
    try:
        hint = proc.stderr.readline()  # before anything is typed
        assert b"reading text from the terminal" in hint and b"Ctrl-D" in hint
        os.write(leader, ERRORS.encode() + b"\n\x04")
        out, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
        os.close(leader)
    assert proc.returncode == 0, err
    assert b"<stdin>:1:" in out and b"suggestion" in out


@pytest.mark.parametrize("command", ["check", "correct"])
def test_binary_and_non_utf8_are_refused_with_nothing_written(command, tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Le café est ouvert. He go to school.\n".encode("latin-1"))
    r = redline(command, str(latin1))
    assert r.returncode == 2 and r.stdout == b""
    assert b"is not valid UTF-8: byte 0xe9" in r.stderr and b"iconv -f WINDOWS-1252 -t UTF-8" in r.stderr
    r = redline(command, "/bin/ls")
    assert r.returncode == 2 and r.stdout == b"" and b"looks like binary data" in r.stderr
    r = redline(command, input="He go to school.\n".encode("utf-16"))
    assert r.returncode == 2 and r.stdout == b"" and b"UTF-16" in r.stderr and b"iconv -f UTF-16" in r.stderr
    assert b"Traceback" not in r.stderr


@pytest.mark.parametrize("data", [b"", b"\n\n", "😀".encode()])
def test_check_empty_or_trivial(data):
    r = redline("check", input=data)
    assert r.returncode == 0 and b"Traceback" not in r.stderr


def test_check_one_megabyte_is_refused_clearly():
    r = redline("check", input=b"This is a sentence. " * 52_429)
    assert r.returncode == 2 and b"limit" in r.stderr and b"redline correct" in r.stderr
    assert b"Traceback" not in r.stderr


def test_check_missing_file():
    r = redline("check", "/nonexistent/file.txt")
    assert r.returncode == 2 and b"cannot read" in r.stderr


# --- correct -----------------------------------------------------------------------------

# Curly apostrophes take 3 bytes in UTF-8, and `fold` counts bytes: its lines are short in characters.
CURLY = ("Mother’s too busy and father doesn’t care, so we must see what we can do, for I’d be mortified to "
         "death if I has to go to school and say that the children’s books was lost again in the dolls’ house.")


@pytest.mark.parametrize("width", [40, 72])
@pytest.mark.parametrize("paragraph", [PARAGRAPH, CURLY], ids=["ascii", "curly"])
def test_correct_a_hard_wrapped_email_as_if_it_were_not_wrapped(width, paragraph, tmp_path):
    # Thorough: the wrapping is under test, so every correction the checker finds is applied.
    one_line = redline("correct", "--sensitivity", "thorough", input=(paragraph + "\n").encode())
    assert one_line.returncode == 0, one_line.stderr
    expected = one_line.stdout.decode()
    assert expected != paragraph + "\n"  # there is something to correct
    wrapped = "Hi Sam,\n\n" + fold(paragraph, width) + "\n\nBest regards,\nTom\n"
    r = redline("correct", "--sensitivity", "thorough", input=wrapped.encode())
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    # The same words as the unwrapped paragraph's correction: no line start capitalised, no period added.
    assert out.split() == ["Hi", "Sam,", *expected.split(), "Best", "regards,", "Tom"]
    # Every line break where it was, wherever the words around it did not change.
    src_lines, out_lines = wrapped.split("\n"), out.split("\n")
    assert len(out_lines) == len(src_lines)
    unchanged = [a for a, b in zip(src_lines, out_lines) if a == b]
    assert len(unchanged) >= len(src_lines) // 2


def test_correct_keeps_the_line_count_when_a_correction_covers_a_wrap():
    text = ("Kitty looked at the holly with wistful eyes and was glad to do to others as she wished some \n"
            "one would do to her, so she offered the only thing she had to give away on that cold morning.\n")
    r = redline("correct", input=text.encode())
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "wished someone" in out and out.count("\n") == 2  # the break moves to the next space


def test_correct_keeps_quotes_code_blocks_and_signature_as_they_are():
    text = ("> He go to school yesterday.\n> I has a apple.\n\n```\nHe go to school.\n\nI has a apple.\n```\n\n"
            + ERRORS + "\n\n-- \nHe go to school\n\nI has a apple\n")
    r = redline("correct", input=text.encode())
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    body = text.split(ERRORS)
    assert out.startswith(body[0]) and out.endswith(body[1]) and ERRORS not in out


def test_correct_lines_corrects_each_line_alone_and_keeps_the_line_count():
    lines = ["He go to school yesterday and buy a apple", "she dont like the new office", "", "I has a apple."]
    r = redline("correct", "--lines", input=("\r\n".join(lines) + "\r\n").encode())
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode().split("\r\n")
    assert len(out) == len(lines) + 1 and out[2] == "" and out[-1] == ""
    assert out[0] != lines[0] and out[3] != lines[3]


def test_correct_keeps_a_byte_order_mark_and_the_missing_final_newline():
    r = redline("correct", input="\ufeffHe go to school.".encode())
    assert r.returncode == 0 and r.stdout.startswith("\ufeff".encode()) and not r.stdout.endswith(b"\n")


def test_correct_shows_a_progress_bar_on_a_terminal(tmp_path):
    f = tmp_path / "long.txt"  # distinct paragraphs (the checker caches sentences): a few seconds' work
    f.write_text("".join(f"On day {i} he go to the market and buy {i + 2} apple.\n\n" for i in range(60)),
                 encoding="utf-8")
    leader, follower = open_terminal()
    proc = subprocess.Popen([str(REDLINE), "correct", str(f)], stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    try:
        shown = read_pty(leader, lambda seen: False, timeout=600)
        out = proc.communicate(timeout=60)[0]
    finally:
        proc.kill()
        os.close(leader)
    assert proc.returncode == 0
    assert re.search(rb"redline correct: +\d+%\|", shown), shown[-500:]
    assert out.count(b"\n") == f.read_bytes().count(b"\n")
    quiet = redline("correct", "--quiet", str(f))
    assert quiet.stdout == out and quiet.stderr == b""  # and never on a pipe


# --- flags and help ----------------------------------------------------------------------

COMMANDS = ["check", "correct", "bench", "serve", "native", "install", "uninstall", "doctor", "token"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_description_and_every_argument_help(command):
    r = redline(command, "--help")
    assert r.returncode == 0, r.stderr
    text = r.stdout.decode()
    _usage, description, *sections = text.split("\n\n")
    assert description.strip() and not description.lstrip().startswith(("positional", "options"))
    for section in sections:
        entries = re.split(r"\n(?=  \S)", section.split(":\n", 1)[-1])
        for entry in entries:  # "  --flag ARG   help" or the help on the next, deeper-indented line
            assert re.match(r"  \S.*?( {2,}\S|\n {4,}\S)", entry, re.DOTALL), f"{command}: no help for {entry!r}"


@pytest.mark.parametrize("command", ["check", "correct", "bench", "serve", "native"])
def test_one_model_folder_flag_everywhere(command):
    text = redline(command, "--help").stdout.decode()
    assert "--model-dir" in text and not re.search(r"--model\b(?!-)", text)


def test_the_old_model_flag_still_works_unlisted(tmp_path):
    from tests.host.model_fixture import model_dir

    for flag in ["--model", "--model-dir"]:
        r = redline("check", "--json", flag, str(model_dir()), input=ERRORS.encode())
        assert r.returncode == 0 and json.loads(r.stdout)["suggestions"], r.stderr
    r = redline("check", "--model-dir", str(tmp_path), input=ERRORS.encode())
    assert r.returncode == 2 and b"Traceback" not in r.stderr


# --- bench -------------------------------------------------------------------------------

def test_bench_runs_on_the_shipped_sample_without_shared_data(tmp_path):
    r = redline("bench", "--limit", "4", "--json", cwd=tmp_path)  # no ../shared anywhere near
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    for key in ["sentences", "identical", "ar_p50_ms", "ar_p95_ms", "ad_p50_ms", "ad_p95_ms", "speedup_p50",
                "speedup_p95", "decoder_calls_ar", "decoder_calls_ad", "load_ms", "peak_rss_mb",
                "checker_p50_ms", "checker_p95_ms", "doc_ms"]:
        assert key in data
    assert data["sentences"] == 4 and data["identical"] == 4
    assert 0 < data["checker_p50_ms"] <= data["checker_p95_ms"] and data["doc_ms"] > 0


def test_bench_on_a_file(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text(textwrap.dedent("""\
        He go to school.
        The cat sat on the mat.
        I has a apple.
        """), encoding="utf-8")
    r = redline("bench", str(f), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["sentences"] == 3


def test_correct_leaves_a_line_over_the_checkers_limit_as_it_is_and_says_so():
    from native_host.limits import MAX_CHECKER_UTF16

    line = ERRORS * (MAX_CHECKER_UTF16 // len(ERRORS) + 1)
    r = redline("correct", input=f"{ERRORS}\n\n{line}\n".encode())
    assert r.returncode == 0, r.stderr
    first, rest = r.stdout.decode().split("\n\n")
    assert first != ERRORS and rest == line + "\n"
    assert b"left as it is" in r.stderr
