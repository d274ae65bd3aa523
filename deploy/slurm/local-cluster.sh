#!/usr/bin/env bash
# A real Slurm cluster of one node on this machine, to run the sharded sweep
# of submit.sh end to end and check its merge:
#
#   1. installs Slurm and MUNGE from Debian when missing (root or sudo);
#   2. starts munged, slurmctld and slurmd in the foreground, in the
#      background, with a slurm.conf generated for localhost and this
#      machine's cores and memory (no systemd, no cgroups), all state in a
#      temporary folder;
#   3. runs deploy/slurm/submit.sh for a 3-shard sweep of the smoke scenario
#      and waits for the array and its dependent merge;
#   4. checks that the merged sweep.csv is byte-identical to a
#      single-process `edgesim sweep` of the same points;
#   5. stops the daemons it started, by their pids, even on failure.
#
# Usage: bash deploy/slurm/local-cluster.sh      (from anywhere in the checkout)
# Exit status 0 when the merged sweep matches, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

say() { echo "local-cluster: $*"; }

# 1. Slurm and MUNGE.
need=()
for cmd in slurmctld slurmd sbatch munged; do command -v "$cmd" >/dev/null 2>&1 || need+=("$cmd"); done
if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    say "installing slurmctld slurmd slurm-client munge"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        slurmctld slurmd slurm-client munge >/dev/null
fi

# The edgesim the jobs run: a release build of this checkout, first on PATH.
swift build -c release --product edgesim >/dev/null
export PATH="$root/.build/release:$PATH"

state=$(mktemp -d /tmp/edgesim-slurm.XXXXXX)
chmod 755 "$state"
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$state"
    exit $status
}
trap cleanup EXIT

# 2. The daemons. MUNGE authenticates Slurm's messages: a key of our own, a
# socket in our folder.
mkdir -p "$state/munge" "$state/spool/ctld" "$state/spool/d" "$state/log"
dd if=/dev/urandom of="$state/munge/munge.key" bs=1024 count=1 status=none
chmod 700 "$state/munge"; chmod 400 "$state/munge/munge.key"
socket="$state/munge/munge.socket"
munged --foreground --force --key-file="$state/munge/munge.key" --socket="$socket" \
    --pid-file="$state/munge/munged.pid" --log-file="$state/log/munged.log" --seed-file="$state/munge/seed" \
    >>"$state/log/munged.out" 2>&1 &
pids+=($!)

cpus=$(nproc)
memory=$(awk '/MemTotal/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)
host=$(hostname -s)
cat > "$state/slurm.conf" <<CONF
ClusterName=edgesim-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$state/spool/ctld
SlurmdSpoolDir=$state/spool/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
MinJobAge=3600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$state/slurm.conf"
slurmctld -D -f "$SLURM_CONF" >>"$state/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >>"$state/log/slurmd.out" 2>&1 &
pids+=($!)

for _ in $(seq 1 60); do
    if sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then break; fi
    sleep 1
done
if ! sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
    say "the node did not come up; logs:"
    tail -n 20 "$state"/log/* >&2 || true
    exit 1
fi
say "cluster up: $(sinfo -h -o '%P %D nodes, %c CPUs, %m MB, %t')"

# 3. The 3-shard sweep and its merge, through submit.sh.
work="$state/work"
mkdir -p "$work"
export SCENARIO="$root/Scenarios/smoke.yaml"
export SETS="--set seed=1,2,3 --set workload.upload_interval=1m,5m"
submitted=$(cd "$work" && bash "$root/deploy/slurm/submit.sh" 3 "$work/shards")
echo "$submitted"
array=$(echo "$submitted" | sed -n 's/.*array job \([0-9]*\).*/\1/p')
merge=$(echo "$submitted" | sed -n 's/.*merge: job \([0-9]*\).*/\1/p')
[ -n "$array" ] && [ -n "$merge" ] || { say "could not read the job ids"; exit 1; }

state_of() { scontrol show job "$1" 2>/dev/null | tr ' ' '\n' | sed -n 's/^JobState=//p' | sort | uniq -c | tr '\n' ' '; }
for _ in $(seq 1 600); do
    merge_state=$(state_of "$merge")
    case "$merge_state" in
        *COMPLETED*|*FAILED*|*CANCELLED*|*TIMEOUT*|*NODE_FAIL*|*OUT_OF_MEMORY*) break ;;
    esac
    sleep 1
done
say "array job $array: $(state_of "$array")"
say "merge job $merge: $(state_of "$merge")"
case "$(state_of "$merge")" in
    *COMPLETED*) ;;
    *) say "the merge did not complete"; cat "$work"/edgesim-*.out >&2 || true; exit 1 ;;
esac

# 4. The merged sweep against one process.
# shellcheck disable=SC2086
edgesim sweep "$SCENARIO" $SETS --quiet --out "$work/single"
if cmp -s "$work/sweep/sweep.csv" "$work/single/sweep.csv"; then
    say "merged sweep.csv ($(wc -l < "$work/single/sweep.csv") lines) is byte-identical to a single-process sweep"
else
    say "merged sweep.csv differs from a single-process sweep"
    diff "$work/sweep/sweep.csv" "$work/single/sweep.csv" | head -20 >&2
    exit 1
fi
