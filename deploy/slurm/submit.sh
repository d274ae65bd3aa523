#!/bin/bash
# Submits a sharded sweep and its merge:
#
#   deploy/slurm/submit.sh N [RESULTS]
#
# N array tasks run one shard each (sweep.sbatch); the merge (merge.sbatch)
# starts when all of them have succeeded, and does not start if one failed.
# SCENARIO and SETS in the environment choose the sweep (see sweep.sbatch).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
N=${1:?usage: submit.sh N [RESULTS]}
export SHARDS=$N
export RESULTS=${2:-$PWD/Results/sweep-shards}
array=$(sbatch --parsable --array="1-$N" --export=ALL "$here/sweep.sbatch")
merge=$(sbatch --parsable --dependency="afterok:$array" --export=ALL "$here/merge.sbatch")
echo "sweep: array job $array (shards 1-$N into $RESULTS); merge: job $merge"
