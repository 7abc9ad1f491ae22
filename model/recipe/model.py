"""The correction model: an EdgeFormer-style encoder-decoder (deep encoder, shallow decoder)
with a pointer-generator copy head.

Why the copy head: most output tokens of a grammar checker are copies of input tokens.
Mixing a copy distribution over the source into the output makes copying a matter of
attending to the right source position, which a small model learns in minutes instead
of hours (measured in MODEL_CARD.md).

The decoder is written for incremental use: `decode` takes the self-attention cache of
the tokens already decoded and returns it extended by the new block, so one call can
verify a whole draft (Aggressive Decoding) or step one token (greedy).
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from .config import ModelConfig

NEG = -1e4  # additive mask value; safe in fp16/bf16 and INT8 graphs


class Attention(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.h, self.dh = cfg.n_heads, cfg.d_model // cfg.n_heads
        self.q = nn.Linear(cfg.d_model, cfg.d_model)
        self.k = nn.Linear(cfg.d_model, cfg.d_model)
        self.v = nn.Linear(cfg.d_model, cfg.d_model)
        self.o = nn.Linear(cfg.d_model, cfg.d_model)
        self.dropout = cfg.dropout

    def heads(self, x: torch.Tensor) -> torch.Tensor:  # (B, T, D) -> (B, H, T, dh)
        b, t, _ = x.shape
        return x.view(b, t, self.h, self.dh).transpose(1, 2)

    def attend(self, q, k, v, bias) -> torch.Tensor:
        p = self.dropout if self.training else 0.0
        y = F.scaled_dot_product_attention(q, k, v, attn_mask=bias, dropout_p=p)
        b, _, t, _ = y.shape
        return self.o(y.transpose(1, 2).reshape(b, t, self.h * self.dh))


class FeedForward(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.fc1 = nn.Linear(cfg.d_model, cfg.ffn_dim)
        self.fc2 = nn.Linear(cfg.ffn_dim, cfg.d_model)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x):
        return self.fc2(self.drop(F.relu(self.fc1(x))))


class EncoderLayer(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.ln1, self.attn = nn.LayerNorm(cfg.d_model), Attention(cfg)
        self.ln2, self.ffn = nn.LayerNorm(cfg.d_model), FeedForward(cfg)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x, bias):
        h = self.ln1(x)
        a = self.attn
        x = x + self.drop(a.attend(a.heads(a.q(h)), a.heads(a.k(h)), a.heads(a.v(h)), bias))
        return x + self.drop(self.ffn(self.ln2(x)))


class DecoderLayer(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.ln1, self.self_attn = nn.LayerNorm(cfg.d_model), Attention(cfg)
        self.ln2, self.cross_attn = nn.LayerNorm(cfg.d_model), Attention(cfg)
        self.ln3, self.ffn = nn.LayerNorm(cfg.d_model), FeedForward(cfg)
        self.drop = nn.Dropout(cfg.dropout)

    def cross_kv(self, memory):
        a = self.cross_attn
        return a.heads(a.k(memory)), a.heads(a.v(memory))

    def forward(self, x, self_bias, past_k, past_v, cross_k, cross_v, cross_bias):
        a = self.self_attn
        h = self.ln1(x)
        k = torch.cat([past_k, a.heads(a.k(h))], dim=2)
        v = torch.cat([past_v, a.heads(a.v(h))], dim=2)
        x = x + self.drop(a.attend(a.heads(a.q(h)), k, v, self_bias))
        c = self.cross_attn
        x = x + self.drop(c.attend(c.heads(c.q(self.ln2(x))), cross_k, cross_v, cross_bias))
        return x + self.drop(self.ffn(self.ln3(x))), k, v


class Seq2Seq(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        d = cfg.d_model
        self.embed = nn.Embedding(cfg.vocab_size, d, padding_idx=cfg.pad_id)
        self.enc_pos = nn.Embedding(cfg.max_positions, d)
        self.dec_pos = nn.Embedding(cfg.max_positions, d)
        self.encoder = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg.encoder_layers))
        self.decoder = nn.ModuleList(DecoderLayer(cfg) for _ in range(cfg.decoder_layers))
        self.enc_norm, self.dec_norm = nn.LayerNorm(d), nn.LayerNorm(d)
        self.drop = nn.Dropout(cfg.dropout)
        if cfg.copy:
            self.copy_q = nn.Linear(d, d)
            self.copy_k = nn.Linear(d, d)
            self.copy_gate = nn.Linear(2 * d, 1)
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=0.02)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, std=0.02)

    def _embed(self, ids, pos_table, offset):
        pos = torch.arange(ids.shape[1], device=ids.device) + offset
        return self.drop(self.embed(ids) * math.sqrt(self.cfg.d_model) + pos_table(pos))

    # -- encoder ---------------------------------------------------------------------
    def encode(self, src_ids, src_mask):
        """src_ids, src_mask: (B, S) -> memory (B, S, D)."""
        bias = self.key_bias(src_mask)
        x = self._embed(src_ids, self.enc_pos, 0)
        for layer in self.encoder:
            x = layer(x, bias)
        return self.enc_norm(x)

    @staticmethod
    def key_bias(mask):  # (B, S) of 1/0 -> additive (B, 1, 1, S)
        return ((1.0 - mask.float()) * NEG)[:, None, None, :]

    def memory_states(self, memory):
        """What the decoder needs from the encoder, computed once per sentence:
        cross-attention keys/values per layer and the copy head's keys."""
        kvs = [layer.cross_kv(memory) for layer in self.decoder]
        copy_keys = self.copy_k(memory) if self.cfg.copy else memory
        return kvs, copy_keys

    # -- decoder ---------------------------------------------------------------------
    def decode(self, tgt_ids, src_ids, src_mask, memory, cross_kvs, copy_keys, past):
        """One decoder call over a block of T new tokens.

        tgt_ids (B, T); past: list of (k, v) per layer, each (B, H, P, dh).
        Returns log-probabilities (B, T, V) and the cache extended to P + T.
        """
        p = past[0][0].shape[2]
        t = tgt_ids.shape[1]
        # Token i of the block sees cached tokens and block tokens up to itself.
        rows = torch.arange(t, device=tgt_ids.device)[:, None] + p
        cols = torch.arange(p + t, device=tgt_ids.device)[None, :]
        self_bias = ((cols > rows).float() * NEG)[None, None]
        cross_bias = self.key_bias(src_mask)
        x = self._embed(tgt_ids, self.dec_pos, p)
        present = []
        for layer, (pk, pv), (ck, cv) in zip(self.decoder, past, cross_kvs):
            x, k, v = layer(x, self_bias, pk, pv, ck, cv, cross_bias)
            present.append((k, v))
        h = self.dec_norm(x)
        logits = (h @ self.embed.weight.t()).float()
        if not self.cfg.copy:
            return F.log_softmax(logits, dim=-1), present
        attn, gate = self.copy_head(h, memory, copy_keys, cross_bias)
        # The copy distribution puts each source position's weight on that position's token id.
        index = src_ids[:, None, :].expand(-1, t, -1)
        copy = torch.zeros_like(logits).scatter_add(2, index, attn)
        probs = gate * torch.softmax(logits, dim=-1) + (1.0 - gate) * copy
        return torch.log(probs.clamp_min(1e-9)), present

    def copy_head(self, h, memory, copy_keys, cross_bias):
        """Attention of each decoder state over the source (B, T, S) and the gate
        (B, T, 1) that mixes vocabulary (gate) and copy (1 - gate) distributions."""
        scores = (self.copy_q(h) @ copy_keys.transpose(1, 2)).float() / math.sqrt(self.cfg.d_model)
        attn = torch.softmax(scores + cross_bias[:, 0].float(), dim=-1)
        context = attn.to(memory.dtype) @ memory
        gate = torch.sigmoid(self.copy_gate(torch.cat([h, context], dim=-1)).float())
        return attn, gate

    def empty_past(self, batch: int, device=None, dtype=torch.float32):
        shape = (batch, self.cfg.n_heads, 0, self.cfg.d_model // self.cfg.n_heads)
        return [(torch.zeros(shape, device=device, dtype=dtype),) * 2 for _ in self.decoder]

    def loss(self, src_ids, src_mask, tgt_in, tgt_out, eps: float, edit_weight: float = 1.0):
        """Teacher-forced training loss: returns (label-smoothed loss, NLL), both per token.

        Computes p(y) = gate * p_vocab(y) + (1 - gate) * sum of copy attention on source
        positions holding y, without building the full mixed (B, T, V) distribution;
        label smoothing applies to the vocabulary distribution.

        edit_weight > 1 up-weights target tokens that do not occur in the source (the
        corrections; edit-weighted MLE, Junczys-Dowmunt et al. 2018): most tokens are
        copies, and without it the few edit tokens barely move the loss.
        """
        memory = self.encode(src_ids, src_mask)
        kvs, copy_keys = self.memory_states(memory)
        b, t = tgt_in.shape
        past = self.empty_past(b, src_ids.device, memory.dtype)
        p = 0
        self_bias = ((torch.arange(t)[None, :] > torch.arange(t)[:, None]).float() * NEG).to(src_ids.device)[None, None]
        cross_bias = self.key_bias(src_mask)
        x = self._embed(tgt_in, self.dec_pos, p)
        for layer, (pk, pv), (ck, cv) in zip(self.decoder, past, kvs):
            x, _, _ = layer(x, self_bias, pk, pv, ck, cv, cross_bias)
        h = self.dec_norm(x)
        logp_vocab = F.log_softmax((h @ self.embed.weight.t()).float(), dim=-1)
        mask = tgt_out != -100
        y = tgt_out.clamp_min(0)
        lp_y = logp_vocab.gather(-1, y[..., None])[..., 0]
        in_src = src_ids[:, None, :] == y[..., None]  # (B, T, S)
        if self.cfg.copy:
            attn, gate = self.copy_head(h, memory, copy_keys, cross_bias)
            copy_y = (attn * in_src.float()).sum(-1)
            p_y = gate[..., 0] * lp_y.exp() + (1 - gate[..., 0]) * copy_y
            nll = -torch.log(p_y.clamp_min(1e-9))
        else:
            nll = -lp_y
        smooth = -logp_vocab.mean(-1)
        w = torch.where(in_src.any(-1), 1.0, edit_weight)[mask]
        loss = (((1 - eps) * nll + eps * smooth)[mask] * w).sum() / w.sum()
        return loss, nll[mask].mean()

    @torch.no_grad()
    def greedy(self, src_ids, max_len: int = 200) -> list[int]:
        """Reference greedy decoding for one sentence (src_ids: list of ints, EOS-terminated)."""
        src = torch.tensor([src_ids])
        mask = torch.ones_like(src)
        memory = self.encode(src, mask)
        kvs, copy_keys = self.memory_states(memory)
        past = self.empty_past(1)
        out, tok = [], self.cfg.bos_id
        for _ in range(max_len):
            logp, past = self.decode(torch.tensor([[tok]]), src, mask, memory, kvs, copy_keys, past)
            tok = int(logp[0, -1].argmax())
            if tok == self.cfg.eos_id:
                break
            out.append(tok)
        return out


def grow_encoder(state: dict, old_layers: int, new_layers: int) -> dict:
    """Weights for a deeper encoder (a multiple of `old_layers` deep) that compute exactly
    what `state` did: each layer is followed by copies of itself whose attention and
    feed-forward output projections are zero, so the pre-LN residual passes them through
    unchanged until training moves those projections. A trained model gains capacity
    without losing what it learned (the EdgeFormer layout: deep encoder, shallow decoder)."""
    if new_layers % old_layers:
        raise ValueError(f"{new_layers} encoder layers is not a multiple of {old_layers}")
    r = new_layers // old_layers
    out = {k: v for k, v in state.items() if not k.startswith("encoder.")}
    for k, v in state.items():
        if not k.startswith("encoder."):
            continue
        _, i, rest = k.split(".", 2)
        for j in range(r):
            zero = j > 0 and rest in ("attn.o.weight", "attn.o.bias", "ffn.fc2.weight", "ffn.fc2.bias")
            out[f"encoder.{int(i) * r + j}.{rest}"] = torch.zeros_like(v) if zero else v.clone()
    return out
