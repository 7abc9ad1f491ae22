"""ONNX export of a tiny model agrees with PyTorch, before and after INT8 quantization."""

import shutil

import numpy as np
import onnx
import pytest
import torch

from model.recipe.config import ModelConfig
from model.recipe.export_onnx import export, write_config
from model.recipe.model import Seq2Seq
from model.recipe.quantize import quantize
from model.recipe.train_tokenizer import build

pytest.importorskip("onnxruntime")
torch.set_num_threads(1)

SENTENCES = ["He go to school yesterday.", "The cat sat on the mat.", "I has a apple and a banana.",
             "Their going to the park tomorrow.", "We met on monday at the cafe."] * 20


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("tiny")
    tok = build(300, SENTENCES)
    tok.save(str(out / "tokenizer.json"))
    torch.manual_seed(0)
    # dropout > 0 in the config on purpose: the exported graph must still be the eval-mode model.
    cfg = ModelConfig(vocab_size=tok.get_vocab_size(), d_model=32, n_heads=2, encoder_layers=2, decoder_layers=1,
                      ffn_dim=64, max_positions=64, dropout=0.1)
    model = Seq2Seq(cfg)
    # A few steps of training on identity pairs so the outputs are not all near-ties.
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    ids = [tok.encode(s).ids for s in SENTENCES[:5]]
    n = max(map(len, ids)) + 1
    src = torch.tensor([x + [2] + [0] * (n - len(x) - 1) for x in ids])
    tin = torch.tensor([[1] + x + [0] * (n - len(x) - 1) for x in ids])
    tout = torch.tensor([x + [2] + [-100] * (n - len(x) - 1) for x in ids])
    for _ in range(60):
        loss, _ = model.loss(src, (src != 0).long(), tin, tout, 0.0)
        opt.zero_grad(), loss.backward(), opt.step()
    model.eval()
    export_model = Seq2Seq(ModelConfig(**{**cfg.to_dict(), "dropout": 0.0}))
    export_model.load_state_dict(model.state_dict())
    export_model.eval()
    export(export_model, out)
    write_config(export_model, out, "tiny-test")
    return model, out


def test_onnx_matches_pytorch_log_probs(exported):
    from native_host.decoding.onnx_model import OnnxModel

    model, out = exported
    om = OnnxModel(out)
    src = om.tokenizer.encode("He go to school yesterday.").ids + [2]
    state = om.encode(src)
    with torch.no_grad():
        s = torch.tensor([src])
        m = torch.ones_like(s)
        mem = model.encode(s, m)
        kvs, ck = model.memory_states(mem)
        lp1, past = model.decode(torch.tensor([[1, src[0]]]), s, m, mem, kvs, ck, model.empty_past(1))
        lp2, _ = model.decode(torch.tensor([src[1:4]]), s, m, mem, kvs, ck, past)
    o1, p1 = om.decode(state, [1, src[0]], om.empty_past())
    o2, _ = om.decode(state, src[1:4], p1)
    assert np.abs(state.feeds["memory"] - mem.numpy()).max() < 1e-4
    assert np.abs(o1 - lp1[0].numpy()).max() < 1e-3
    assert np.abs(o2 - lp2[0].numpy()).max() < 1e-3


@pytest.fixture(scope="module")
def quantized(exported, tmp_path_factory):
    """The tiny model's INT8 folder."""
    _, out = exported
    q = tmp_path_factory.mktemp("int8")
    for name in ("tokenizer.json", "config.json"):
        shutil.copy(out / name, q / name)
    for name in ("encoder.onnx", "decoder.onnx"):
        quantize(out / name, q / name)  # as export_onnx.py does
    return q


@pytest.fixture(scope="module")
def all_int8(exported, tmp_path_factory):
    """The tiny model with every matmul int8 (its matrices are below MIN_WEIGHTS), as
    DequantizeLinear (folded to fp32 at load) and in the runtime format."""
    import model.recipe.quantize as qz

    _, out = exported
    folders = {}
    for kind in ("dequantize", "runtime"):
        folders[kind] = d = tmp_path_factory.mktemp(kind)
        for name in ("tokenizer.json", "config.json"):
            shutil.copy(out / name, d / name)
        saved, qz.MIN_WEIGHTS = qz.MIN_WEIGHTS, 256
        try:
            for name in ("encoder.onnx", "decoder.onnx"):
                if kind == "runtime":
                    quantize(out / name, d / name, nbits=name == "encoder.onnx")
                else:  # the previous format: every int8 weight behind DequantizeLinear
                    graph = onnx.load(str(out / name))
                    qz._weights_to_int8(graph.graph)
                    onnx.save(graph, str(d / name))
        finally:
            qz.MIN_WEIGHTS = saved
    return folders


def test_runtime_format_keeps_the_weights_and_their_results(all_int8):
    """Int8 gathers and the encoder's MatMulNBits hold the int8 codes and scales that
    DequantizeLinear did, and compute in float: the same log-probabilities."""
    from native_host.decoding.onnx_model import OnnxModel

    encoder = onnx.load(str(all_int8["runtime"] / "encoder.onnx")).graph
    nbits = [n for n in encoder.node if n.op_type == "MatMulNBits"]
    constants = {t.name for t in encoder.initializer}
    assert nbits and not any(n.op_type == "MatMul" and n.input[1] in constants for n in encoder.node)
    for n in nbits:
        attrs = {a.name: a.i for a in n.attribute}
        assert attrs["bits"] == 8 and attrs["accuracy_level"] == 0  # float compute: no activation rounding
    for name in ("encoder.onnx", "decoder.onnx"):
        graph = onnx.load(str(all_int8["runtime"] / name)).graph
        fp32 = [t.name for t in graph.initializer if t.data_type == onnx.TensorProto.FLOAT and len(t.dims) == 2]
        assert not [t for t in fp32 if "embed" in t or "pos" in t]  # no fp32 table: gathers read int8 rows
        assert not any(n.op_type == "DequantizeLinear" and n.output[0] in {i for g in graph.node if g.op_type == "Gather"
                                                                           for i in g.input} for n in graph.node)
    a, b = OnnxModel(all_int8["dequantize"]), OnnxModel(all_int8["runtime"])
    for text in ("The cat sat on the mat.", "Their going to the park tomorrow."):
        src = a.tokenizer.encode(text).ids + [2]
        sa, sb = a.encode(src), b.encode(src)
        assert np.abs(sa.feeds["memory"] - sb.feeds["memory"]).max() < 1e-5
        la, _ = a.decode(sa, [1] + src[:-1], a.empty_past())
        lb, _ = b.decode(sb, [1] + src[:-1], b.empty_past())
        assert np.abs(la - lb).max() < 1e-4


def test_the_shipped_model_is_in_the_runtime_format():
    """What export_onnx.py writes (quantize()) is what ships: re-running the step
    on the shipped files changes nothing."""
    from model.recipe.export_onnx import SHIPPED
    from model.recipe.quantize import runtime_format

    if not (SHIPPED / "encoder.onnx").exists():
        pytest.skip("no shipped model")
    for name, nbits in (("encoder.onnx", False), ("decoder.onnx", False)):
        model = onnx.load(str(SHIPPED / name))
        before = model.SerializeToString()
        ops = {n.op_type for n in model.graph.node}
        assert ("MatMulNBits" in ops) == nbits
        runtime_format(model, nbits)
        assert model.SerializeToString() == before


def test_greedy_agreement_fp32_and_int8(exported, quantized):
    from model.recipe.export_onnx import agreement

    model, out = exported
    assert agreement(model, out, SENTENCES[:5]) == 1.0
    q = quantized
    # A 32-wide model is all near-ties, so greedy agreement after INT8 says little here
    # (export_onnx.py measures it on the real model); check the files shrink and the
    # log-probabilities stay close to fp32 instead.
    from native_host.decoding.onnx_model import OnnxModel

    for name in ("encoder.onnx", "decoder.onnx"):
        assert (q / name).stat().st_size < (out / name).stat().st_size
    a, b = OnnxModel(out), OnnxModel(q)
    src = a.tokenizer.encode("The cat sat on the mat.").ids + [2]
    la, _ = a.decode(a.encode(src), [1] + src[:-1], a.empty_past())
    lb, _ = b.decode(b.encode(src), [1] + src[:-1], b.empty_past())
    assert np.corrcoef(la.ravel(), lb.ravel())[0, 1] > 0.99


def test_int8_block_equals_steps(quantized):
    """Aggressive Decoding is exact only if a token's scores do not depend on the other
    tokens of the same decoder call: weights are int8, activations stay float."""
    from native_host.decoding.onnx_model import OnnxModel

    q = quantized
    for name in ("encoder.onnx", "decoder.onnx"):
        graph = onnx.load(str(q / name)).graph
        assert not {n.op_type for n in graph.node} & {"DynamicQuantizeLinear", "MatMulInteger", "MatMulIntegerToFloat"}
        assert all(a.i == 0 for n in graph.node for a in n.attribute if a.name == "accuracy_level")
    om = OnnxModel(q)
    src = om.tokenizer.encode("I has a apple and a banana.").ids + [2]
    state = om.encode(src)
    block, _ = om.decode(state, [1] + src[:-1], om.empty_past())
    past, steps = om.empty_past(), []
    for t in [1] + src[:-1]:
        lp, past = om.decode(state, [t], past)
        steps.append(lp[0])
    assert np.abs(block - np.stack(steps)).max() < 1e-4


def test_word_lists_are_the_shipped_ones_unless_asked(tmp_path):
    """A re-export keeps the lexicon the calibration and the figures were measured with;
    --fresh-lexicon takes prepare_data's instead (known.txt always comes from the shipped folder)."""
    from model.recipe.export_onnx import copy_word_lists

    shipped, data = tmp_path / "shipped", tmp_path / "data"
    for folder in (shipped, data):
        folder.mkdir()
        for name in ("words.txt", "capitalised.txt", "known.txt"):
            (folder / name).write_text(f"{folder.name} {name}\n", encoding="utf-8")
    kept, fresh = tmp_path / "kept", tmp_path / "fresh"
    kept.mkdir(), fresh.mkdir()
    copy_word_lists(kept, shipped=shipped, data=data)
    copy_word_lists(fresh, fresh=True, shipped=shipped, data=data)
    assert [(kept / n).read_text(encoding="utf-8").split()[0] for n in ("words.txt", "capitalised.txt", "known.txt")] \
        == ["shipped"] * 3
    assert [(fresh / n).read_text(encoding="utf-8").split()[0] for n in ("words.txt", "capitalised.txt", "known.txt")] \
        == ["data", "data", "shipped"]
    assert not (kept / "known.COPYRIGHT.txt").exists()  # absent in the source: nothing invented
