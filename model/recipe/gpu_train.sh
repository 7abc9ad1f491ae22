#!/bin/bash
# Stage 4 on a lent GPU (the device tool: one call of at most 10 minutes, 16 MiB per file back).
# Fresh synthetic pairs from carried clean text (16 processes), then the 12+2 model trained from
# the shipped weights on a time budget, with the learning rate decayed over that budget. The fp16
# weights (last and best) come back as two shards each under $OUT.
#
# Prepare here (.gpu/ is in .git/info/exclude and travels with carry [".gpu"], <= 64 MiB with the tree):
#   mkdir -p .gpu/site && cp -r .venv/lib/python3.11/site-packages/lemminflect .gpu/site/
#   head -n 880000 model/work/data/clean_train.txt | xz -9 -T2 > .gpu/clean.txt.xz     # 24.5 MB
#   xz -9 -c model/work/data/learner_train.tsv > .gpu/learner_train.tsv.xz
#   cp model/work/valid_pairs.tsv model/work/data/learner_valid.tsv .gpu/
# Run there:  OUT=$OUT MIN=6.5 model/recipe/gpu_train.sh            (about 9 minutes in all on an H200)
#   fluent writers' mixture (issues 19, 20), fine-tuning the shipped weights:
#             OUT=$OUT MIN=5 MIX=fluent LR=2e-4 WARMUP=50 LF=0.3 model/recipe/gpu_train.sh
# Join here:  model/recipe/gpu_train.sh join /work/.device/N/last model/runs/gpu/last.fp16.pt
#             then python -m model.recipe.export_onnx --weights model/runs/gpu/last.fp16.pt ...
set -u
PY=${PY:-python3}
if [ "${1:-}" = join ]; then
  exec $PY -c 'import sys, torch
a, b = (torch.load(f"{sys.argv[1]}.{p}.pt", map_location="cpu") for p in "ab")
a["model"].update(b["model"]); torch.save(a, sys.argv[2]); print(sys.argv[2], a["trained"])' "$2" "$3"
fi
MIN=${MIN:-6.5}; SEEDS=${SEEDS:-"11 12 13"}; NPROC=${NPROC:-16}; LINES=${LINES:-100000000}
OUT=${OUT:-/tmp/out}; W=${W:-/tmp/gw}; mkdir -p $W model/work/data $OUT
export PYTHONPATH=$PWD/.gpu/site PYTHONUNBUFFERED=1
T0=$(date +%s); t() { echo "[$(( $(date +%s) - T0 ))s] $*"; }
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
$PY -c "import torch,tokenizers,lemminflect;print(torch.__version__,torch.cuda.is_available())" || exit 1
xz -dc .gpu/clean.txt.xz | head -n $LINES > $W/clean.txt
xz -dc .gpu/learner_train.tsv.xz > model/work/data/learner_train.tsv
cp .gpu/learner_valid.tsv model/work/data/; cp .gpu/valid_pairs.tsv model/redline-small/tokenizer.json model/work/
split -n l/$NPROC -d $W/clean.txt $W/shard.
for s in $SEEDS; do for f in $W/shard.??; do
  $PY -m model.recipe.synthesize_errors --mix ${MIX:-learner} --seed $s${f##*.} --input $f --out $f.p$s > /dev/null &
done; done; wait
t "pairs: $(cat $W/shard.*.p* | wc -l)"
shards() {  # fp16 weights file -> two files under 16 MiB each
  $PY -c 'import sys, torch
w = torch.load(sys.argv[1], map_location="cpu"); half = sum(v.numel() for v in w["model"].values()) / 2
a, n = {}, 0
for k, v in w["model"].items():
    if n < half: a[k] = v; n += v.numel()
torch.save(dict(w, model=a), sys.argv[2] + ".a.pt")
torch.save({"model": {k: v for k, v in w["model"].items() if k not in a}}, sys.argv[2] + ".b.pt")' "$1" "$2"
}
$PY -m model.recipe.train --run $W/run --init model/redline-small.weights.fp16.pt --model-encoder-layers 12 \
  --pairs $W/shard.*.p* --minutes $MIN --batch-tokens ${BATCH:-32000} --lr ${LR:-1e-3} --warmup ${WARMUP:-150} \
  --decay-steps 0 --min-lr-ratio 0.05 --learner-fraction ${LF:-0.25} --edit-weight 2.0 --eval-every ${EVAL:-250} \
  --ckpt-every-minutes ${CKPT:-1.5} ${EXTRA:-} > $OUT/train.log 2>&1 &
TR=$!
while kill -0 $TR 2>/dev/null; do  # shards every 20 s: a run cut off at the call's limit still brings weights back
  sleep 20
  for n in last best; do [ -f $W/run/$n.fp16.pt ] && [ $W/run/$n.fp16.pt -nt $OUT/$n.b.pt -o ! -f $OUT/$n.b.pt ] && shards $W/run/$n.fp16.pt $OUT/$n; done
  tail -c 300 $OUT/train.log | tr '\r' '\n' | tail -1; echo
done
wait $TR; echo "train rc $?"
for n in last best; do [ -f $W/run/$n.fp16.pt ] && shards $W/run/$n.fp16.pt $OUT/$n; done
cp $W/run/metrics.jsonl $W/run/loss.png $OUT/ 2>/dev/null
grep valid $OUT/metrics.jsonl | tail -5; t done; ls -la $OUT
