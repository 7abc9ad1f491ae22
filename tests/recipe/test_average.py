"""average.py: the weighted mean of members' weights, shallower encoders grown first."""

from __future__ import annotations

import pytest
import torch

from model.recipe.average import average
from model.recipe.config import ModelConfig
from model.recipe.model import Seq2Seq, grow_encoder


def member(path, encoder_layers: int, d_model: int = 32, steps: int = 10, seed: int = 0):
    torch.manual_seed(seed)
    cfg = ModelConfig(vocab_size=50, d_model=d_model, n_heads=2, encoder_layers=encoder_layers, decoder_layers=1,
                      ffn_dim=64)
    state = {k: v.half() for k, v in Seq2Seq(cfg).state_dict().items()}
    torch.save({"model": state, "model_config": cfg.to_dict(), "trained": {"steps": steps, "minutes": 1.0}}, path)
    return {k: v.float() for k, v in state.items()}


def test_weighted_mean_of_a_grown_and_a_deep_member(tmp_path):
    shallow = member(tmp_path / "a.pt", encoder_layers=1, steps=10, seed=1)
    deep = member(tmp_path / "b.pt", encoder_layers=2, steps=30, seed=2)
    soup = average([tmp_path / "a.pt", tmp_path / "b.pt"], [1.0, 3.0])
    grown = grow_encoder(shallow, 1, 2)
    assert soup["model_config"]["encoder_layers"] == 2
    assert soup["trained"] == {"steps": 30, "minutes": 1.0, "averaged": 2}
    for k, v in soup["model"].items():
        assert v.dtype == torch.float16
        torch.testing.assert_close(v.float(), (grown[k] + 3 * deep[k]) / 4, atol=2e-3, rtol=2e-3)
    # the grown copy's output projections are zero, so the soup's are a quarter of the deep member's
    torch.testing.assert_close(soup["model"]["encoder.1.ffn.fc2.weight"].float(),
                               deep["encoder.1.ffn.fc2.weight"] * 0.75, atol=2e-3, rtol=2e-3)


def test_a_model_averaged_with_itself_is_unchanged(tmp_path):
    alone = member(tmp_path / "a.pt", encoder_layers=2)
    soup = average([tmp_path / "a.pt", tmp_path / "a.pt"])
    assert all(torch.equal(soup["model"][k].float(), v) for k, v in alone.items())


def test_different_widths_are_refused(tmp_path):
    member(tmp_path / "a.pt", encoder_layers=1, d_model=32)
    member(tmp_path / "b.pt", encoder_layers=1, d_model=64)
    with pytest.raises(ValueError, match="not the same architecture"):
        average([tmp_path / "a.pt", tmp_path / "b.pt"])
    with pytest.raises(ValueError, match="2 weights for 1 models"):
        average([tmp_path / "a.pt"], [1.0, 2.0])
