"""All model and training sizes in one place; config.json in each run and in the shipped model mirrors them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass
class ModelConfig:
    vocab_size: int = 8192
    d_model: int = 256
    n_heads: int = 4
    encoder_layers: int = 6
    decoder_layers: int = 2
    ffn_dim: int = 1024
    max_positions: int = 256  # tokens per sentence window; the runtime windows longer input
    dropout: float = 0.1
    copy: bool = True  # pointer-generator copy over source tokens
    pad_id: int = 0
    bos_id: int = 1
    eos_id: int = 2

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "ModelConfig":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class TrainConfig:
    minutes: float = 60.0  # wall-clock budget for this invocation
    lr: float = 1e-3
    warmup: int = 400
    min_lr_ratio: float = 0.1  # cosine decay to lr * ratio at `decay_steps`
    decay_steps: int = 40_000
    batch_tokens: int = 3000  # target tokens per batch (length-bucketed)
    label_smoothing: float = 0.1
    edit_weight: float = 1.0  # loss weight of target tokens absent from the source (model.loss)
    weight_decay: float = 0.01
    clip: float = 1.0
    learner_fraction: float = 0.3  # share of learner pairs (W&I + FCE) in each batch stream
    max_tokens: int = 96  # drop longer pairs from training
    eval_every: int = 250
    ckpt_every_minutes: float = 5.0
    seed: int = 1
