"""INT8 quantization with ONNX Runtime.

Encoder: dynamic quantization (int8 weights, activations quantized on the fly).
Decoder: weight-only 8-bit (MatMulNBits) with float activations. Dynamic activation
quantization picks one scale per tensor, so a token's result would depend on the
other tokens in the same decoder call, and Aggressive Decoding (many tokens per
call) would no longer match greedy decoding (one token per call) exactly.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import onnx
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer


def quantize_encoder(src: Path, dst: Path) -> None:
    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8,
                     op_types_to_quantize=["MatMul", "Gather"], extra_options={"MatMulConstBOnly": True})


def quantize_decoder(src: Path, dst: Path, block_size: int = 32) -> None:
    q = MatMulNBitsQuantizer(onnx.load(str(src)), bits=8, block_size=block_size, is_symmetric=True,
                             accuracy_level=1, op_types_to_quantize=("MatMul",))
    q.process()
    with tempfile.TemporaryDirectory() as tmp:
        mid = Path(tmp) / "decoder.onnx"
        q.model.save_model_to_file(str(mid))
        # Embedding lookups: int8 weights, dequantized per looked-up row (no activation quantization).
        quantize_dynamic(str(mid), str(dst), weight_type=QuantType.QInt8, op_types_to_quantize=["Gather"])


def quantize(src: Path, dst: Path) -> None:
    (quantize_decoder if src.name.startswith("decoder") else quantize_encoder)(src, dst)
