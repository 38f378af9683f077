#!/bin/sh
# A trainer for tests: reports a model with the given AUC, or exits with the given code
# (2: no better model, anything else: a failure). Usage: fixed-result.sh <auc> [exit code]
auc="$1"
code="${2:-0}"
echo "training $MODELOPS_MODEL $MODELOPS_CANDIDATE_VERSION (champion $MODELOPS_CHAMPION_VERSION) on $MODELOPS_TRAINING_DATA_REF: $MODELOPS_REASON" >&2
if [ "$code" != 0 ]; then
  echo "holdout AUC $auc is not better than the champion's" >&2
  exit "$code"
fi
mkdir -p "$MODELOPS_OUTPUT_DIR"
echo '{"weights": [0.1, 0.2]}' > "$MODELOPS_OUTPUT_DIR/model.json"
echo "progress: done"
printf '{"artifactUri":"file://%s/model.json","metrics":{"auc":%s,"accuracy":0.9,"f1":0.8},"runId":"%s","trainingDataRef":"s3://datasets/%s/latest/"}\n' \
  "$(cd "$MODELOPS_OUTPUT_DIR" && pwd)" "$auc" "$MODELOPS_RUN_ID" "$MODELOPS_MODEL"
