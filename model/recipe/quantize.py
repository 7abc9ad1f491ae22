"""INT8 quantization: 8-bit weights on disk and in memory, float arithmetic at run time.

Each weight matrix (every MatMul's constant B and the embedding tables) is stored as
int8 with one scale per output channel (per row of a table). Then, for the runtime
(native_host/decoding/onnx_model.py, one thread):

- Embedding lookups gather int8 rows and their scales and multiply: the tables stay int8
  in memory, and each row is the float that DequantizeLinear would give.
- Matmuls stay int8 behind DequantizeLinear, which ONNX Runtime folds into fp32 at load
  (`session.disable_quant_qdq`): the fastest kernels, and results that do not depend on the
  other tokens of the call, so Aggressive Decoding stays exactly greedy.
- `nbits=True` (measured, not shipped) writes the matmuls as `MatMulNBits` (8 bits,
  accuracy_level 0: float compute): the same results with the weights int8 in memory
  (the encoder's 39 -> ~10 MB), but a dequantization per call made one sentence's
  Aggressive Decoding 1.6x slower (p50 15.6 -> 25.2 ms, 100 sentences interleaved), and
  one sentence is what a user typing waits for.

Why weights only: dynamic activation quantization (MatMulNBits accuracy_level 4, or
ORT's DQ->MatMulNBits rewrite, or quantize_dynamic) rounds each token's activations to
8 bits. Measured in session 11 (JFLEG dev + tests/fixtures/decoding_sentences.txt): greedy
outputs then differ from the fp32-weight reference on ~3 % of sentences, and with
several K-blocks per column Aggressive Decoding no longer matched greedy on 1 of 227.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper

MIN_WEIGHTS = 4096  # smaller tensors (biases, norms, the copy gate) stay fp32: no size to win
NBITS_BLOCK = 256  # K-block of MatMulNBits: every block of a column gets the column's scale


def quantize(src: Path, dst: Path, nbits: bool = False) -> None:
    """Write `src` to `dst` with its weight matrices stored as per-channel symmetric int8,
    embedding tables gathered as int8, and (if `nbits`) matmuls as MatMulNBits."""
    model = onnx.load(str(src))
    _weights_to_int8(model.graph)
    runtime_format(model, nbits)
    onnx.save(model, str(dst))


def _weights_to_int8(graph) -> None:
    """Every 2-D constant weight of a MatMul or Gather becomes int8 + scale behind DequantizeLinear."""
    inits = {t.name: t for t in graph.initializer}
    axes: dict[str, int] = {}  # weight -> axis of its channels (one scale each)
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in inits:
            axes.setdefault(node.input[1], 1)  # B is [K, N]: a scale per output column
        elif node.op_type == "Gather" and node.input[0] in inits:
            axes.setdefault(node.input[0], 0)  # an embedding table [V, D]: a scale per row
    # (A weight used both ways keeps its first axis: DequantizeLinear restores it whole either way.)
    dequantize = []
    for name, axis in axes.items():
        w = numpy_helper.to_array(inits[name]).astype(np.float32)
        if w.ndim != 2 or w.size < MIN_WEIGHTS:
            continue
        scale = np.maximum(np.abs(w).max(axis=1 - axis), 1e-12) / 127.0
        q = np.clip(np.round(w / np.expand_dims(scale, 1 - axis)), -127, 127).astype(np.int8)
        graph.initializer.remove(inits[name])
        graph.initializer.extend([numpy_helper.from_array(q, f"{name}_int8"),
                                  numpy_helper.from_array(scale.astype(np.float32), f"{name}_scale"),
                                  numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), f"{name}_zero")])
        dequantize.append(helper.make_node("DequantizeLinear", [f"{name}_int8", f"{name}_scale", f"{name}_zero"],
                                           [name], name=f"{name}_dequantize", axis=axis))
    for i, node in enumerate(dequantize):  # before their consumers: the graph stays topologically sorted
        graph.node.insert(i, node)


def runtime_format(model: onnx.ModelProto, nbits: bool) -> None:
    """Rewrite the int8 weights of a quantized graph (DequantizeLinear of a per-channel int8
    initializer) as the runtime keeps them: Gathers of int8 rows, and MatMulNBits if `nbits`.
    The weights' values are unchanged (the int8 codes and scales are reused as they are)."""
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    dq = {n.output[0]: n for n in graph.node if n.op_type == "DequantizeLinear" and n.input[0] in inits}
    users: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            users.setdefault(name, []).append(node)
    nodes = []
    for node in graph.node:
        weight = node.input[1] if node.op_type == "MatMul" else node.input[0] if node.op_type == "Gather" else None
        source = dq.get(weight)
        if source is None:
            nodes.append(node)
        elif node.op_type == "Gather" and _axis(source) == 0:
            nodes += _int8_gather(node, source)
        elif node.op_type == "MatMul" and nbits and _axis(source) == 1:
            nodes.append(_matmul_nbits(node, source, inits, graph))
        else:
            nodes.append(node)
    used = {name for node in nodes for name in node.input}
    nodes = [n for n in nodes if n.op_type != "DequantizeLinear" or n.output[0] in used]
    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for node in nodes for name in node.input}
    for t in [t for t in graph.initializer if t.name not in used]:
        graph.initializer.remove(t)
    if nbits and not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.checker.check_model(model)


def _axis(node) -> int:
    return next((a.i for a in node.attribute if a.name == "axis"), 1)


def _int8_gather(node, source) -> list:
    """Gather(DequantizeLinear(table), ids) -> Cast(Gather(table, ids)) * Gather(scale, ids): the
    same floats (one int8-to-float conversion and one multiply each), with no fp32 copy of the table."""
    table, scale = source.input[0], source.input[1]
    ids, out, tmp = node.input[1], node.output[0], node.output[0] + "_int8"
    last = numpy_helper.from_array(np.array([-1], dtype=np.int64))
    return [helper.make_node("Constant", [], [tmp + "_axis"], name=tmp + "_axis", value=last),
            helper.make_node("Gather", [table, ids], [tmp + "_rows"], name=tmp + "_rows", axis=0),
            helper.make_node("Cast", [tmp + "_rows"], [tmp + "_float"], name=tmp + "_float", to=onnx.TensorProto.FLOAT),
            helper.make_node("Gather", [scale, ids], [tmp + "_scales"], name=tmp + "_scales", axis=0),
            helper.make_node("Unsqueeze", [tmp + "_scales", tmp + "_axis"], [tmp + "_column"], name=tmp + "_column"),
            helper.make_node("Mul", [tmp + "_float", tmp + "_column"], [out], name=tmp + "_scale")]


def _matmul_nbits(node, source, inits, graph):
    """MatMul(x, DequantizeLinear(W int8 [K, N], scale [N])) -> MatMulNBits(x, W + 128 as uint8
    [N, K/block, block], the column's scale for each of its blocks): the same weights."""
    q = numpy_helper.to_array(inits[source.input[0]])
    scale = numpy_helper.to_array(inits[source.input[1]]).astype(np.float32)
    k, n = q.shape
    block = min(NBITS_BLOCK, k)
    assert k % block == 0, f"{source.input[0]}: K={k} is not a multiple of {block}"
    codes = (q.T.astype(np.int16) + 128).astype(np.uint8).reshape(n, k // block, block)  # zero point 128 (the default)
    name = source.output[0]
    graph.initializer.extend([numpy_helper.from_array(codes, f"{name}_q8"),
                              numpy_helper.from_array(np.repeat(scale[:, None], k // block, axis=1), f"{name}_s8")])
    return helper.make_node("MatMulNBits", [node.input[0], f"{name}_q8", f"{name}_s8"], list(node.output),
                            name=node.name + "_nbits", domain="com.microsoft",
                            K=k, N=n, bits=8, block_size=block, accuracy_level=0)


def main() -> None:
    """Rewrite a shipped folder's quantized (DequantizeLinear) graphs in the runtime format,
    keeping their int8 codes and scales: int8 gathers (and MatMulNBits with --nbits)."""
    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("model_dir", type=Path)
    ap.add_argument("--nbits", action="store_true", help="the encoder's matmuls as MatMulNBits (less memory, slower)")
    args = ap.parse_args()
    for name, nbits in (("encoder.onnx", args.nbits), ("decoder.onnx", False)):
        path = args.model_dir / name
        model = onnx.load(str(path))
        runtime_format(model, nbits)
        onnx.save(model, str(path))
        print(f"{path}: {path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
