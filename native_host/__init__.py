"""Redline: a private, on-device grammar checker (the local host)."""

import os

__version__ = "0.1.0"

# ONNX Runtime's telemetry: on import, onnxruntime 1.32 writes a device id and an event
# database under ~/.cache/Microsoft/DeveloperTools/ and later looks up
# mobile.events.data.microsoft.com. The variable must be set before onnxruntime is
# imported, and it reaches child processes too; decoding/onnx_model.py also turns the
# events off through the API. tests/host/test_privacy.py watches the real host's syscalls.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
