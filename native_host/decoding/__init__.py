"""Decoding over the ONNX model: greedy (the reference) and Aggressive Decoding (fast, identical output)."""
