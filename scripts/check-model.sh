#!/usr/bin/env bash
# Checks a model folder for the semantic matching being built (issue 13).
# Usage: scripts/check-model.sh [-q] [DIR]
#   DIR defaults to the folder scripts/deps.sh installs into. The folder must hold config.json,
#   tokenizer.json and model.safetensors, the weights must have the SHA-256 pinned in
#   scripts/model.env, and every file listed in its MODEL.txt (if it has one) must match its hash.
#   With FACTDESK_MODEL set and no DIR, checks that folder holds the files only: it is a model of
#   the user's own, whose hash Factdesk does not know.
# Exits 0 when the folder is good, 1 (saying why, unless -q) when not.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/model.env"

quiet=0
if [ "${1:-}" = -q ]; then quiet=1; shift; fi
pinned=1
if [ $# -ge 1 ]; then
  dir=$1
elif [ -n "${FACTDESK_MODEL:-}" ]; then
  dir=$FACTDESK_MODEL; pinned=0
else
  dir=$MODEL_DIR
fi

say() { [ $quiet = 1 ] || echo "check-model: $*"; }
bad() { [ $quiet = 1 ] || echo "check-model: $dir: $*" >&2; exit 1; }

[ -d "$dir" ] || bad "no such folder (scripts/deps.sh model installs it)"
for f in "${MODEL_REQUIRED[@]}"; do
  [ -f "$dir/$f" ] || bad "missing $f"
done
if [ $pinned = 0 ]; then
  say "$dir (FACTDESK_MODEL, a model of your own): ${MODEL_REQUIRED[*]} present; hash not checked"
  exit 0
fi

actual=$(sha256sum "$dir/model.safetensors" | cut -d' ' -f1)
[ "$actual" = "$MODEL_SHA256" ] ||
  bad "model.safetensors has SHA-256 $actual, not the $MODEL_SHA256 of $MODEL_NAME"

# The other files, against the hashes the installer recorded (model.safetensors is done above).
if [ -f "$dir/MODEL.txt" ]; then
  listed=$(grep -E '^[0-9a-f]{64}  ' "$dir/MODEL.txt" | grep -v '  model\.safetensors$' || true)
  if [ -n "$listed" ]; then
    failed=$(cd "$dir" && sha256sum -c --strict - <<<"$listed" 2>&1 | grep -v ': OK$' || true)
    [ -z "$failed" ] || bad "differs from its MODEL.txt: $(echo "$failed" | tr '\n' ' ')"
  fi
fi
say "$dir: $MODEL_NAME, model.safetensors sha256 ${MODEL_SHA256:0:12}… OK"
