"""Names of the ONNX graphs' inputs and outputs, in one place for export and inference.

encoder:  src_ids (B,S) int64, src_mask (B,S) int64
       -> memory (B,S,D), copy_keys (B,S,D), cross_key_i / cross_value_i (B,H,S,dh) per decoder layer
decoder:  input_ids (B,T) int64, src_ids, src_mask, memory, copy_keys, cross_key_i, cross_value_i,
          past_key_i / past_value_i (B,H,P,dh)
       -> logprobs (B,T,V) float32, present_key_i / present_value_i (B,H,P+T,dh)
"""

ENCODER_INPUTS = ["src_ids", "src_mask"]
DECODER_FIXED_INPUTS = ["input_ids", "src_ids", "src_mask", "memory", "copy_keys"]


def cross_names(layers: int) -> list[str]:
    return [n for i in range(layers) for n in (f"cross_key_{i}", f"cross_value_{i}")]


def past_names(layers: int) -> list[str]:
    return [n for i in range(layers) for n in (f"past_key_{i}", f"past_value_{i}")]


def present_names(layers: int) -> list[str]:
    return [n for i in range(layers) for n in (f"present_key_{i}", f"present_value_{i}")]


def encoder_outputs(layers: int) -> list[str]:
    return ["memory", "copy_keys"] + cross_names(layers)


def decoder_inputs(layers: int) -> list[str]:
    return DECODER_FIXED_INPUTS + cross_names(layers) + past_names(layers)


def decoder_outputs(layers: int) -> list[str]:
    return ["logprobs"] + present_names(layers)
