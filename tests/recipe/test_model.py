"""The seq2seq model on a tiny configuration: training loss, and the incremental decoder."""

from __future__ import annotations

import math

import pytest
import torch

from model.recipe.config import ModelConfig
from model.recipe.model import Seq2Seq

PAD, BOS, EOS = 0, 1, 2
torch.set_num_threads(1)  # the machine is shared with a training run


def tiny(copy: bool, dropout: float = 0.0) -> Seq2Seq:
    torch.manual_seed(0)
    cfg = ModelConfig(vocab_size=50, d_model=32, n_heads=2, encoder_layers=1, decoder_layers=1,
                      ffn_dim=64, max_positions=32, dropout=dropout, copy=copy)
    return Seq2Seq(cfg)


def batch():
    """Two pairs of different lengths, padded like train.collate does."""
    g = torch.Generator().manual_seed(1)
    src = torch.randint(4, 50, (2, 9), generator=g)
    src[0, -1], src[1, 6], src[1, 7:] = EOS, EOS, PAD
    tgt = torch.randint(4, 50, (2, 7), generator=g)
    tgt[1, 5:] = PAD
    tin = torch.cat([torch.full((2, 1), BOS), tgt], 1)
    tout = torch.cat([tgt, torch.full((2, 1), EOS)], 1)
    tout[1, 5] = EOS
    tout[1, 6:] = -100
    tin[1, 6:] = PAD
    return src, (src != PAD).long(), tin, tout


@pytest.mark.parametrize("copy", [True, False])
def test_loss_is_finite_and_overfits_one_batch(copy):
    model = tiny(copy, dropout=0.1)
    src, mask, tin, tout = batch()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
    losses = []
    for _ in range(40):
        loss, nll = model.loss(src, mask, tin, tout, 0.1)
        assert torch.isfinite(loss) and torch.isfinite(nll)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[0] > math.log(50) * 0.8  # starts near uniform
    assert losses[-1] < 0.5 * losses[0], losses


def decode_all(model, src, mask, tin, step: bool):
    memory = model.encode(src, mask)
    kvs, copy_keys = model.memory_states(memory)
    past = model.empty_past(src.shape[0])
    if not step:
        return model.decode(tin, src, mask, memory, kvs, copy_keys, past)[0]
    out = []
    for t in range(tin.shape[1]):
        logp, past = model.decode(tin[:, t:t + 1], src, mask, memory, kvs, copy_keys, past)
        out.append(logp)
    assert past[0][0].shape[2] == tin.shape[1]
    return torch.cat(out, 1)


@pytest.mark.parametrize("copy", [True, False])
def test_block_decode_equals_step_by_step(copy):
    model = tiny(copy).eval()
    src, mask, tin, _ = batch()
    with torch.no_grad():
        block = decode_all(model, src, mask, tin, step=False)
        steps = decode_all(model, src, mask, tin, step=True)
    assert block.shape == (2, tin.shape[1], 50)
    assert (block - steps).abs().max() < 1e-4
    # Proper distributions over the vocabulary.
    assert torch.allclose(block.exp().sum(-1), torch.ones(2, tin.shape[1]), atol=1e-4)


@pytest.mark.parametrize("copy", [True, False])
def test_block_after_cached_prefix(copy):
    """Verifying a draft: a block decoded after a cached prefix matches decoding it all at once."""
    model = tiny(copy).eval()
    src, mask, tin, _ = batch()
    with torch.no_grad():
        whole = decode_all(model, src, mask, tin, step=False)
        memory = model.encode(src, mask)
        kvs, copy_keys = model.memory_states(memory)
        first, past = model.decode(tin[:, :3], src, mask, memory, kvs, copy_keys, model.empty_past(2))
        rest, _ = model.decode(tin[:, 3:], src, mask, memory, kvs, copy_keys, past)
    assert (torch.cat([first, rest], 1) - whole).abs().max() < 1e-4


@pytest.mark.parametrize("copy", [True, False])
def test_loss_nll_matches_decode(copy):
    """Training (loss) and inference (decode) compute the same distribution."""
    model = tiny(copy).eval()
    src, mask, tin, tout = batch()
    with torch.no_grad():
        _, nll = model.loss(src, mask, tin, tout, 0.0)
        logp = decode_all(model, src, mask, tin, step=False)
    keep = tout != -100
    ref = -logp.gather(-1, tout.clamp_min(0)[..., None])[..., 0][keep].mean()
    assert abs(float(nll) - float(ref)) < 1e-4


def test_edit_weight_upweights_tokens_absent_from_the_source():
    """With eps 0 the weighted loss is a weighted mean of the per-token NLL: tokens that
    occur in the source keep weight 1, the others get edit_weight."""
    model = tiny(copy=True).eval()
    src, mask, tin, tout = batch()
    tout[0, 0] = src[0, 0]  # one target token surely copied from the source
    with torch.no_grad():
        logp = decode_all(model, src, mask, tin, step=False)
        plain, _ = model.loss(src, mask, tin, tout, 0.0)
        weighted, _ = model.loss(src, mask, tin, tout, 0.0, edit_weight=3.0)
    keep = tout != -100
    nll = -logp.gather(-1, tout.clamp_min(0)[..., None])[..., 0][keep]
    novel = ~(src[:, None, :] == tout.clamp_min(0)[..., None]).any(-1)[keep]
    assert novel.any() and (~novel).any()
    w = torch.where(novel, 3.0, 1.0)
    assert abs(float(plain) - float(nll.mean())) < 1e-4
    assert abs(float(weighted) - float((nll * w).sum() / w.sum())) < 1e-4


def test_copy_head_learns_to_copy_quickly():
    """The reason for the copy head: identity pairs are learnt in a few dozen steps."""
    model = tiny(True)
    g = torch.Generator().manual_seed(2)
    src = torch.randint(4, 50, (8, 8), generator=g)
    tin = torch.cat([torch.full((8, 1), BOS), src], 1)
    tout = torch.cat([src, torch.full((8, 1), EOS)], 1)
    src = torch.cat([src, torch.full((8, 1), EOS)], 1)
    mask = torch.ones_like(src)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    for _ in range(60):
        loss, _ = model.loss(src, mask, tin, tout, 0.0)
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    assert model.greedy(src[0].tolist(), max_len=12) == src[0, :-1].tolist()


def test_greedy_stops_at_max_len():
    model = tiny(False).eval()
    out = model.greedy([5, 6, 7, EOS], max_len=5)
    assert len(out) <= 5 and EOS not in out


def test_a_grown_encoder_computes_what_the_small_one_did():
    from model.recipe.model import grow_encoder

    torch.manual_seed(0)
    cfg = ModelConfig(vocab_size=50, d_model=32, n_heads=2, encoder_layers=2, decoder_layers=1,
                      ffn_dim=64, max_positions=32, dropout=0.0, copy=True)
    small = Seq2Seq(cfg).eval()
    deep = Seq2Seq(ModelConfig(**{**cfg.to_dict(), "encoder_layers": 6})).eval()
    deep.load_state_dict(grow_encoder(small.state_dict(), 2, 6))  # strict: every weight accounted for
    src, mask, tin, tout = batch()
    with torch.no_grad():
        a, b = small.loss(src, mask, tin, tout, 0.0)[1], deep.loss(src, mask, tin, tout, 0.0)[1]
    assert torch.allclose(a, b, atol=1e-6)
    # ... and the new layers can learn: their zeroed projections get gradients.
    deep.train()
    deep.loss(src, mask, tin, tout, 0.0)[0].backward()
    assert deep.encoder[1].attn.o.weight.grad.abs().sum() > 0
    with pytest.raises(ValueError):
        grow_encoder(small.state_dict(), 2, 5)
