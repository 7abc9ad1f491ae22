"""The exported model behind ONNX Runtime: two sessions (encoder, decoder with a KV cache) and the tokenizer."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import session_io as io
from ..memory import return_freed_memory

SCORE_ROWS = 128  # decoder rows (tokens x candidates) in one scoring call


@dataclass
class EncoderState:
    """What the decoder needs about one source sentence (batch of 1)."""

    feeds: dict[str, np.ndarray]  # src_ids, src_mask, memory, copy_keys, cross_*
    src_ids: list[int]


BATCH_TOKENS = 384  # start_many's most tokens a call (rows x longest): fuller products, data kept in cache


def _groups(lengths: list[int], budget: int) -> list[list[int]]:
    """Indices grouped by length (shortest first), each group's rows x longest within budget."""
    groups: list[list[int]] = []
    for k in sorted(range(len(lengths)), key=lengths.__getitem__):
        if groups and (len(groups[-1]) + 1) * lengths[k] <= budget:
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def _row(v: np.ndarray, row: int, length: int, name: str) -> np.ndarray:
    """One sentence's slice of a batched encoder output or source feed, cut to its length:
    the source axis is 1 for (B, S[, D]) arrays, 2 for the per-head (B, H, S, dh) ones."""
    if v.ndim == 4:
        return np.ascontiguousarray(v[row:row + 1, :, :length])
    return np.ascontiguousarray(v[row:row + 1, :length])


class OnnxModel:
    def __init__(self, model_dir: Path | str, threads: int = 1):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.dir = Path(model_dir)
        self.config = json.loads((self.dir / "config.json").read_text(encoding="utf-8"))
        m = self.config["model"]
        self.name = self.config.get("name", self.dir.name)
        self.layers = m["decoder_layers"]
        self.heads, self.head_dim = m["n_heads"], m["d_model"] // m["n_heads"]
        self.bos, self.eos, self.pad = m["bos_id"], m["eos_id"], m["pad_id"]
        self.max_positions = m["max_positions"]
        self.tokenizer = Tokenizer.from_file(str(self.dir / "tokenizer.json"))
        # "<s>" typed by a user is text, not a control token (not stored in tokenizer.json).
        self.tokenizer.encode_special_tokens = True

        ort.disable_telemetry_events()  # before any session (native_host/__init__.py sets the variable)
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        # ORT's arena hands a call's freed tensors to the next calls: glibc's heap, given tensors
        # of ever-changing shapes, grew well past what was alive at once, and trimmed after
        # each text, faulted its pages in again. The arena only grows: release_memory() hands
        # back its unused regions (the host calls it once idle, engine.IDLE_RELEASE_S).
        opts.enable_cpu_mem_arena = True
        # The weights are int8 (model/recipe/quantize.py): the embedding tables, gathered as
        # int8, stay int8 in memory; the matmuls' are behind DequantizeLinear nodes, folded into
        # fp32 once, at load, for the fastest calls. Without this option ORT would rewrite them into MatMulNBits with
        # 8-bit activations, whose outputs differ from fp32's on ~3 % of sentences.
        opts.add_session_config_entry("session.disable_quant_qdq", "1")
        opts.log_severity_level = 3  # ORT warnings would go to stderr only, but keep them quiet
        providers = ["CPUExecutionProvider"]
        self.encoder = ort.InferenceSession(str(self.dir / "encoder.onnx"), opts, providers=providers)
        self.decoder = ort.InferenceSession(str(self.dir / "decoder.onnx"), opts, providers=providers)
        self._decoder_inputs = {i.name for i in self.decoder.get_inputs()}
        self._encoder_outputs = io.encoder_outputs(self.layers)
        self._decoder_outputs = io.decoder_outputs(self.layers)
        self._past_names = io.past_names(self.layers)
        self._lock = threading.Lock()
        self.decoder_calls = 0  # counted for `redline bench`
        self._shrink = ort.RunOptions()  # a run with it hands back its arena's unused regions as it ends
        self._shrink.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        return_freed_memory()  # the parsed graphs, the int8 weights folded into fp32: ~6 MB

    def release_memory(self) -> None:
        """Hand back what the sessions' arenas and the heap hold unused: a one-token run of
        each session that shrinks its arena as it ends (a few ms), then malloc_trim."""
        ids = np.asarray([[self.eos]], dtype=np.int64)
        mask = np.ones_like(ids)
        enc = self.encoder.run(self._encoder_outputs, {"src_ids": ids, "src_mask": mask}, self._shrink)
        feeds = {k: v for k, v in zip(self._encoder_outputs, enc) if k in self._decoder_inputs}
        feeds |= {"src_ids": ids, "src_mask": mask, "input_ids": np.asarray([[self.bos]], dtype=np.int64)}
        feeds.update(zip(self._past_names, self.empty_past()))
        self.decoder.run(self._decoder_outputs[:1], feeds, self._shrink)
        return_freed_memory()

    def encode(self, src_ids: list[int]) -> EncoderState:
        ids = np.asarray([src_ids], dtype=np.int64)
        mask = np.ones_like(ids)
        outs = self.encoder.run(self._encoder_outputs, {"src_ids": ids, "src_mask": mask})
        feeds = {"src_ids": ids, "src_mask": mask} | dict(zip(self._encoder_outputs, outs))
        return EncoderState({k: v for k, v in feeds.items() if k in self._decoder_inputs}, list(src_ids))

    def start_many(self, sources: list[list[int]], blocks: list[list[int]]
                   ) -> list[tuple[EncoderState, np.ndarray, list[np.ndarray]]]:
        """Encode each source and score its first block (after no cached tokens): what
        encode() then decode(state, block, empty_past()) give, as (state, log-probabilities
        (T, V), cache), computed for several sentences per call. Sentences of similar length
        go together, padded on the right: the encoder and the decoder's cross-attention mask
        a padded source position (src_mask), and a padded block position comes after every
        real one, which the causal decoder never attends to; each row is then cut back to
        its own length. Fuller matrix products cost less per sentence than one at a time."""
        out: list = [None] * len(sources)
        for group in _groups([len(s) + len(b) for s, b in zip(sources, blocks)], BATCH_TOKENS):
            src_ids, src_mask = self._padded([sources[k] for k in group])
            enc = self.encoder.run(self._encoder_outputs, {"src_ids": src_ids, "src_mask": src_mask})
            memory = {"src_ids": src_ids, "src_mask": src_mask} | dict(zip(self._encoder_outputs, enc))
            # The decoder's rows make vocabulary-wide tensors (~200 KB a row, several at once):
            # at most SCORE_ROWS of them a call, however many the encoder took together.
            per_call = max(1, SCORE_ROWS // max(len(blocks[k]) for k in group))
            for first in range(0, len(group), per_call):
                part = group[first:first + per_call]
                feeds = {k: v[first:first + len(part)] for k, v in memory.items() if k in self._decoder_inputs}
                feeds["input_ids"], _ = self._padded([blocks[k] for k in part])
                batch_past = [np.zeros((len(part), self.heads, 0, self.head_dim), dtype=np.float32)] * len(self._past_names)
                feeds.update(zip(self._past_names, batch_past))
                dec = self.decoder.run(self._decoder_outputs, feeds)
                with self._lock:
                    self.decoder_calls += 1
                for row, k in enumerate(part):
                    s, t = len(sources[k]), len(blocks[k])
                    state = EncoderState({name: _row(v, first + row, s, name) for name, v in memory.items()
                                          if name in self._decoder_inputs}, list(sources[k]))
                    present = [np.ascontiguousarray(p[row:row + 1, :, :t]) for p in dec[1:]]
                    out[k] = (state, dec[0][row, :t], present)
        return out

    def _padded(self, rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Token rows right-padded to one length, and their mask (1 = a real token)."""
        width = max(map(len, rows))
        ids = np.full((len(rows), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for b, r in enumerate(rows):
            ids[b, :len(r)] = r
            mask[b, :len(r)] = 1
        return ids, mask

    def empty_past(self) -> list[np.ndarray]:
        return [np.zeros((1, self.heads, 0, self.head_dim), dtype=np.float32) for _ in self._past_names]

    def decode(self, state: EncoderState, input_ids: list[int], past: list[np.ndarray]):
        """Score a block of tokens after the cached ones.

        Returns log-probabilities (T, V) and the cache extended by the block."""
        feeds = dict(state.feeds)
        feeds["input_ids"] = np.asarray([input_ids], dtype=np.int64)
        feeds.update(zip(self._past_names, past))
        outs = self.decoder.run(self._decoder_outputs, feeds)
        with self._lock:
            self.decoder_calls += 1
        return outs[0][0], outs[1:]

    def score(self, state: EncoderState, tokens: list[int]) -> float:
        """Log-probability of the output `tokens` (then EOS) given the encoded source: one decoder call."""
        return self.score_many(state, [tokens])[0]

    def score_many(self, state: EncoderState, outputs: list[list[int]]) -> list[float]:
        """Log-probability of each output (then EOS) given the encoded source, in few decoder
        calls however many there are: one over the prefix they share, then the rest of all
        of them as batches (of at most SCORE_ROWS rows). The rest is padded on the right, which the causal decoder
        never attends to, so each score is the one `score` alone would give."""
        inputs = [[self.bos] + t for t in outputs]
        shared = next((k for k, column in enumerate(zip(*inputs)) if len(set(column)) > 1), min(map(len, inputs)))
        head, past = self.decode(state, inputs[0][:shared], self.empty_past())
        rests = [i[shared:] for i in inputs]
        targets = [out + [self.eos] for out in outputs]
        # Of the head, each output needs the log-probabilities of its own first tokens.
        picked = [head[np.arange(shared), t[:shared]] for t in targets]
        width = max(len(r) for r in rests)
        # Each row of a call makes vocabulary-wide tensors (8192 floats, several at once):
        # at most SCORE_ROWS rows a call keeps a long sentence's candidates from costing
        # tens of MB at once (6 candidates x 93 tokens took the host's peak up by 58 MB).
        per_call = max(1, SCORE_ROWS // max(1, width))
        for first in range(0, len(rests) if width else 0, per_call):
            chunk = rests[first:first + per_call]
            feeds = {k: np.repeat(v, len(chunk), axis=0) for k, v in state.feeds.items()}
            feeds["input_ids"] = np.asarray([r + [self.pad] * (width - len(r)) for r in chunk], dtype=np.int64)
            feeds.update((name, np.repeat(v, len(chunk), axis=0)) for name, v in zip(self._past_names, past))
            tails = self.decoder.run(self._decoder_outputs[:1], feeds)[0]
            with self._lock:
                self.decoder_calls += 1
            for b, rest in enumerate(chunk, first):
                if rest:
                    picked[b] = np.concatenate([picked[b], tails[b - first, np.arange(len(rest)), targets[b][shared:]]])
        return [float(p.sum()) for p in picked]
