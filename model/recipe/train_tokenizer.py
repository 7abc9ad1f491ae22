"""Stage 2: a byte-level BPE tokenizer that round-trips any Unicode text exactly.

    python -m model.recipe.train_tokenizer        # writes model/work/tokenizer.json
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

from .paths import DATA_DIR, WORK

SPECIAL = ["<pad>", "<s>", "</s>", "<unk>"]
PAD, BOS, EOS, UNK = range(4)


def build(vocab_size: int, lines) -> Tokenizer:
    tok = Tokenizer(models.BPE())
    # add_prefix_space=False and use_regex keep offsets and bytes exact: decode(encode(x)) == x.
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        min_frequency=3,
    )
    tok.train_from_iterator(lines, trainer=trainer)
    tok.encode_special_tokens = True
    return tok


def load(path: Path) -> Tokenizer:
    """Load a saved tokenizer for encoding user text.

    "<s>", "</s>", "<pad>" and "<unk>" typed in the text itself (an HTML strike-through
    tag, a code snippet) must stay text: without `encode_special_tokens` they would
    become the BOS/EOS/PAD ids, end the sentence early and vanish on decode. The flag
    is not saved in tokenizer.json, so every loader sets it: use this function (the
    runtime's loader needs the same line).
    """
    tok = Tokenizer.from_file(str(path))
    tok.encode_special_tokens = True
    return tok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--vocab-size", type=int, default=8192)
    ap.add_argument("--sentences", type=int, default=400_000)
    ap.add_argument("--out", type=Path, default=WORK / "tokenizer.json")
    args = ap.parse_args()

    def lines():
        with open(DATA_DIR / "clean_train.txt", encoding="utf-8") as f:
            yield from itertools.islice(f, args.sentences)
        # Learner text teaches the tokenizer common misspellings too.
        with open(DATA_DIR / "learner_train.tsv", encoding="utf-8") as f:
            for line in f:
                yield line.split("\t")[0]

    tok = build(args.vocab_size, lines())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tok.save(str(args.out))
    print(f"vocab {tok.get_vocab_size()} -> {args.out}")


if __name__ == "__main__":
    main()
