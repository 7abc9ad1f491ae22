"""Build layout only: metadata and dependencies live in pyproject.toml.

Two folders that are not Python code ride inside the package, so that an
installed wheel needs nothing else:
  model/redline-small/   -> native_host/model_data/           (the shipped model)
  packaging/launchers/   -> native_host/install/launchers/    (native host launcher templates)
native_host/model_files.py and native_host/install/launcher.py find them in
either layout (installed wheel, or checkout/editable install).
"""

import os
import sys

from setuptools import find_packages, setup

MAPPED = {
    "native_host.model_data": "model/redline-small",
    "native_host.install.launchers": "packaging/launchers",
}
for package, folder in list(MAPPED.items()):
    if not os.path.isdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), folder)):
        # Only while the model is being made: the package then works with REDLINE_MODEL_DIR alone.
        print(f"setup.py: WARNING: {folder}/ does not exist; the package is built without it", file=sys.stderr)
        del MAPPED[package]

setup(
    packages=find_packages(include=["native_host", "native_host.*"]) + list(MAPPED),
    package_dir=MAPPED,
    package_data={
        "native_host": ["samples/*.txt", "*.md"],
        "native_host.lang.en": ["*.txt"],  # closed_compounds.txt
        "native_host.model_data": ["*.onnx", "*.json", "*.md", "*.txt"],
        "native_host.install.launchers": ["*"],
    },
)
