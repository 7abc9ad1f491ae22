"""Stage 5: export a checkpoint to ONNX (encoder; decoder with past key/values),
quantize to INT8 and check agreement with PyTorch at each step.

    python -m model.recipe.export_onnx --run model/runs/base --out model/redline-small
    python -m model.recipe.export_onnx --tiny --out /tmp/tiny-model   # random tiny model for tests

Writes encoder.onnx, decoder.onnx (INT8), tokenizer.json, config.json, the word lists (the
shipped model's; prepare_data's with --fresh-lexicon) and <out>.weights.fp16.pt beside it (to resume training on a fresh machine).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

import torch
from torch import nn

from native_host import session_io as io

from .config import ModelConfig
from .model import Seq2Seq
from .paths import DATA_DIR, WORK
from .quantize import quantize
from .train import save_weights, trained_of
from .train_tokenizer import BOS, EOS


class EncoderGraph(nn.Module):
    def __init__(self, model: Seq2Seq):
        super().__init__()
        self.m = model

    def forward(self, src_ids, src_mask):
        memory = self.m.encode(src_ids, src_mask)
        kvs, copy_keys = self.m.memory_states(memory)
        return (memory, copy_keys, *[t for kv in kvs for t in kv])


class DecoderGraph(nn.Module):
    def __init__(self, model: Seq2Seq):
        super().__init__()
        self.m = model

    def forward(self, input_ids, src_ids, src_mask, memory, copy_keys, *caches):
        n = self.m.cfg.decoder_layers
        cross = [(caches[2 * i], caches[2 * i + 1]) for i in range(n)]
        past = [(caches[2 * n + 2 * i], caches[2 * n + 2 * i + 1]) for i in range(n)]
        logp, present = self.m.decode(input_ids, src_ids, src_mask, memory, cross, copy_keys, past)
        return (logp, *[t for kv in present for t in kv])


def export(model: Seq2Seq, out: Path, opset: int = 17) -> None:
    model.eval()
    cfg = model.cfg
    n = cfg.decoder_layers
    src = torch.tensor([[5, 6, 7, 8, EOS]])
    mask = torch.ones_like(src)
    enc_names = io.encoder_outputs(n)
    with torch.no_grad():
        enc_out = EncoderGraph(model)(src, mask)
    torch.onnx.export(
        EncoderGraph(model), (src, mask), str(out / "encoder.onnx"), dynamo=False, opset_version=opset,
        input_names=io.ENCODER_INPUTS, output_names=enc_names,
        dynamic_axes={name: {0: "batch", 1: "src_len"} for name in io.ENCODER_INPUTS + enc_names[:2]}
        | {name: {0: "batch", 2: "src_len"} for name in enc_names[2:]},
    )
    # Trace the decoder with a non-empty past so the cache length stays symbolic.
    ids = torch.tensor([[BOS, 5, 6]])
    with torch.no_grad():
        _, past = model.decode(ids[:, :1], src, mask, enc_out[0], _pairs(enc_out[2:]), enc_out[1], model.empty_past(1))
    args = (ids[:, 1:], src, mask, enc_out[0], enc_out[1], *enc_out[2:], *[t for kv in past for t in kv])
    dyn = {"input_ids": {0: "batch", 1: "new_len"}, "src_ids": {0: "batch", 1: "src_len"}, "src_mask": {0: "batch", 1: "src_len"},
           "memory": {0: "batch", 1: "src_len"}, "copy_keys": {0: "batch", 1: "src_len"}, "logprobs": {0: "batch", 1: "new_len"}}
    dyn |= {name: {0: "batch", 2: "src_len"} for name in io.cross_names(n)}
    dyn |= {name: {0: "batch", 2: "past_len"} for name in io.past_names(n)}
    dyn |= {name: {0: "batch", 2: "total_len"} for name in io.present_names(n)}
    torch.onnx.export(
        DecoderGraph(model), args, str(out / "decoder.onnx"), dynamo=False, opset_version=opset,
        input_names=io.decoder_inputs(n), output_names=io.decoder_outputs(n), dynamic_axes=dyn,
    )


def _pairs(flat):
    return [(flat[2 * i], flat[2 * i + 1]) for i in range(len(flat) // 2)]


def write_config(model: Seq2Seq, out: Path, name: str, extra: dict | None = None) -> None:
    cfg = model.cfg.to_dict()
    cfg.pop("dropout", None)
    (out / "config.json").write_text(json.dumps({"name": name, "format": 1, "model": cfg, **(extra or {})}, indent=2) + "\n")


def agreement(model: Seq2Seq, model_dir: Path, sentences: list[str], max_len: int = 128) -> float:
    """Fraction of sentences where ONNX Runtime greedy output equals PyTorch greedy output."""
    from native_host.decoding.greedy import greedy_decode
    from native_host.decoding.onnx_model import OnnxModel

    onnx_model = OnnxModel(model_dir, threads=2)
    same = 0
    for s in sentences:
        src = onnx_model.tokenizer.encode(s).ids[: max_len] + [EOS]
        ref = model.greedy(src, max_len=min(max_len, 2 * len(src) + 10))  # the runtime's length limit
        got = greedy_decode(onnx_model, src, max_len=max_len).tokens
        same += ref == got
    return same / max(1, len(sentences))


SHIPPED = Path(__file__).resolve().parents[1] / "redline-small"


def shipped_min_margin() -> float:
    """The shipped model's precision guard, so a re-export keeps the tuned value."""
    try:
        return float(json.loads((SHIPPED / "config.json").read_text(encoding="utf-8"))["min_margin"])
    except (OSError, ValueError, KeyError):
        return 0.0


def copy_word_lists(out: Path, fresh: bool = False, shipped: Path = SHIPPED, data: Path = DATA_DIR) -> None:
    """The word lists into `out`: the lexicon (native_host/lexicon.py), capitalised words
    (lang/en/rules.names) and known.txt (known_words.py writes it into the shipped folder).
    The shipped ones unless `fresh`: the calibration and every measured figure were made
    with them, and a new prepare_data derives slightly different lists (it leaves the native
    sample's documents out)."""
    for name in ("words.txt", "capitalised.txt", "known.txt", "known.COPYRIGHT.txt"):
        src = (data if fresh and name in ("words.txt", "capitalised.txt") else shipped) / name
        if src.exists() and src.resolve() != (out / name).resolve():
            shutil.copy(src, out / name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", type=Path, help="training run folder with ckpt.pt and tokenizer.json")
    ap.add_argument("--weights", type=Path, help="fp16 weights file (a run's best.fp16.pt, say) instead of its checkpoint")
    ap.add_argument("--tokenizer", type=Path, default=WORK / "tokenizer.json", help="tokenizer for --weights")
    ap.add_argument("--tiny", action="store_true", help="export a tiny randomly initialised model (for tests)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--name", default=None, help="model name written to config.json (default: folder name)")
    ap.add_argument("--check", type=int, default=200, help="validation sentences for the agreement check (0: skip)")
    ap.add_argument("--no-quantize", action="store_true")
    ap.add_argument("--fresh-lexicon", action="store_true",
                    help="ship prepare_data's words.txt and capitalised.txt instead of the shipped model's "
                         "(then refit the calibration and re-measure)")
    ap.add_argument("--min-margin", type=float, default=None,
                    help="precision guard written to config.json: an edit's first token must be this many nats "
                         "likelier than the token as written (default: the shipped model's; tune with evaluate.py)")
    args = ap.parse_args()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)

    extra = {"min_margin": args.min_margin if args.min_margin is not None else shipped_min_margin()}
    if args.tiny:
        tok_path = WORK / "tokenizer.json"
        if not tok_path.exists():
            tok_path = Path(__file__).resolve().parents[1] / "redline-small" / "tokenizer.json"
        from tokenizers import Tokenizer

        vocab = Tokenizer.from_file(str(tok_path)).get_vocab_size()
        model = Seq2Seq(ModelConfig(vocab_size=vocab, d_model=64, n_heads=2, encoder_layers=1, decoder_layers=1, ffn_dim=128, dropout=0.0))
        extra["note"] = "tiny random model for tests; its corrections are noise"
        args.check = 0  # agreement of a random model's near-ties says nothing
    else:
        ckpt = torch.load(args.weights or args.run / "ckpt.pt", map_location="cpu")
        # No dropout in the exported graph: with dropout configured, the traced encoder
        # disagreed with PyTorch's eval mode (max |diff| 1.3 on the memory; measured).
        model = Seq2Seq(ModelConfig.from_dict(ckpt["model_config"] | {"dropout": 0.0}))
        model.load_state_dict({k: v.float() for k, v in ckpt["model"].items()})
        tok_path = args.tokenizer if args.weights else args.run / "tokenizer.json"
        extra["trained"] = trained_of(ckpt)
    model.eval()
    shutil.copy(tok_path, out / "tokenizer.json")
    if not args.tiny:
        copy_word_lists(out, args.fresh_lexicon)
    write_config(model, out, args.name or out.name, extra)

    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp)
        t0 = time.time()
        export(model, fp32)
        shutil.copy(out / "tokenizer.json", fp32 / "tokenizer.json")
        shutil.copy(out / "config.json", fp32 / "config.json")
        print(f"exported fp32 ONNX in {time.time() - t0:.1f}s")
        sentences = []
        if args.check:
            pairs = (WORK / "valid_pairs.tsv") if (WORK / "valid_pairs.tsv").exists() else None
            if pairs:
                sentences = [line.split("\t")[0] for line in pairs.read_text(encoding="utf-8").splitlines()[: args.check]]
            elif (DATA_DIR / "clean_valid.txt").exists():
                sentences = (DATA_DIR / "clean_valid.txt").read_text(encoding="utf-8").splitlines()[: args.check]
        if sentences:
            print(f"agreement fp32 ONNX vs PyTorch: {agreement(model, fp32, sentences):.1%} of {len(sentences)}")
        for name in ("encoder.onnx", "decoder.onnx"):
            if args.no_quantize:
                shutil.copy(fp32 / name, out / name)
            else:
                quantize(fp32 / name, out / name)  # the runtime format (quantize.py)
    if sentences and not args.no_quantize:
        print(f"agreement INT8 ONNX vs PyTorch: {agreement(model, out, sentences):.1%} of {len(sentences)}")
    if not args.tiny:
        # Beside the shipped folder (not in the wheel): lets training resume on a fresh machine.
        save_weights(out.parent / f"{out.name}.weights.fp16.pt", model, model.cfg, extra["trained"])
    size = sum(p.stat().st_size for p in out.iterdir() if p.suffix in (".onnx", ".json", ".txt"))
    print(f"wrote {out} ({size / 1e6:.1f} MB of ONNX, JSON and lexicon)")


if __name__ == "__main__":
    main()
