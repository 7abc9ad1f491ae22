"""`redline check`, `correct` and `bench` as a user runs them: bad input gets a clear error, never a traceback."""

import json
import os
import subprocess
import sys

import pytest

from tests.host.model_fixture import model_dir


def redline(*args, input=b"", timeout=600):
    env = {**os.environ, "REDLINE_MODEL_DIR": str(model_dir())}
    return subprocess.run([sys.executable, "-m", "native_host.cli", *args], input=input,
                          capture_output=True, timeout=timeout, env=env)


def test_check_json_shape():
    r = redline("check", "--json", input="He go to school yesterday. I has a apple.".encode())
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert isinstance(data["suggestions"], list) and data["model"]
    for s in data["suggestions"]:
        assert {"start", "end", "text", "replacements", "category", "message"} <= set(s)


def test_check_human_output_has_caret_lines(tmp_path):
    f = tmp_path / "mail.txt"
    f.write_text("Hello,\n\nHe go to school yesterday and buy a apple.\n", encoding="utf-8")
    r = redline("check", str(f))
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "No issues found." in out or "^" in out


@pytest.mark.parametrize("data", [b"", b"\n\n", "😀".encode()])
def test_check_empty_or_trivial(data):
    r = redline("check", input=data)
    assert r.returncode == 0 and b"Traceback" not in r.stderr


def test_check_invalid_utf8_and_binary_are_clear_errors():
    r = redline("check", input=b"Hello \xff\xfe world")
    assert r.returncode == 2 and b"not valid UTF-8" in r.stderr and b"Traceback" not in r.stderr
    r = redline("check", input=bytes(range(256)) * 40)
    assert r.returncode == 2 and b"binary" in r.stderr and b"Traceback" not in r.stderr


def test_check_one_megabyte_is_refused_clearly():
    r = redline("check", input=b"This is a sentence. " * 52_429)
    assert r.returncode == 2 and b"limit" in r.stderr and b"Traceback" not in r.stderr


def test_check_missing_file():
    r = redline("check", "/nonexistent/file.txt")
    assert r.returncode == 2 and b"cannot read" in r.stderr


def test_correct_keeps_line_count_and_passes_invalid_lines_through():
    data = b"He go to school.\n\nbad \xff line\r\nI has a apple.\nlast line without newline"
    r = redline("correct", input=data)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count(b"\n") == data.count(b"\n")
    lines = r.stdout.splitlines()
    assert lines[1] == b"" and lines[2] == b"bad \xff line"
    assert r.stdout.endswith(b"newline") or r.stdout.splitlines()[-1]


def test_bench_json_reports_identical_outputs(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text("He go to school.\nThe cat sat on the mat.\nI has a apple.\n", encoding="utf-8")
    r = redline("bench", str(f), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    for key in ["sentences", "identical", "ar_p50_ms", "ar_p95_ms", "ad_p50_ms", "ad_p95_ms", "speedup_p50",
                "decoder_calls_ar", "decoder_calls_ad", "load_ms", "peak_rss_mb"]:
        assert key in data
    assert data["sentences"] == 3 and data["identical"] == 3
