"""INT8 quantization: 8-bit weights on disk, float arithmetic at run time.

Each weight matrix (every MatMul's constant B and the embedding table) is stored as
int8 with one scale per output channel, behind a DequantizeLinear node. The runtime
(native_host/decoding/onnx_model.py) lets ONNX Runtime constant-fold those nodes when
it loads the model, so the files are a quarter of fp32 and the calls run at fp32 speed.

Why weights only:
- Dynamic activation quantization picks one scale per tensor. A token's result would then
  depend on the other tokens in the same decoder call, and Aggressive Decoding (many tokens
  per call) would no longer match greedy decoding (one token per call) exactly.
- Measured on run 3, 150 validation sentences, one thread, under training load: this
  format decodes in 27 ms per sentence (fp32: 24). The previous int8 kernels took 73 ms
  (`MatMulNBits` in the decoder, dynamic `MatMulInteger` in the encoder), and on a
  12-layer encoder they agreed with PyTorch on only 95 of 100 sentences.

ONNX Runtime's own quantizers offer neither of these in 8 bits: `quantize_dynamic`
quantizes activations, and `MatMulNBitsQuantizer` writes QDQ in 4 bits only. Hence the
small transform below.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper

MIN_WEIGHTS = 4096  # smaller tensors (biases, norms, the copy gate) stay fp32: no size to win


def quantize(src: Path, dst: Path) -> None:
    """Write `src` to `dst` with its weight matrices stored as per-channel symmetric int8."""
    model = onnx.load(str(src))
    graph = model.graph
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
    onnx.checker.check_model(model)
    onnx.save(model, str(dst))
