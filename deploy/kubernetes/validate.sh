#!/usr/bin/env bash
# Validates the Kubernetes manifests against the OpenAPI schemas of the
# API versions they declare (batch/v1 Job), with the `kubernetes-validate`
# package from PyPI (it ships the schemas; no cluster is needed):
#
#   - strictly (no unknown field) against Kubernetes 1.29, the minimum the
#     manifests need (backoffLimitPerIndex and maxFailedIndexes, on by
#     default from 1.29), and against the newest version the package knows;
#   - and, as a control that the validator can fail, against 1.27, whose
#     Job has no backoffLimitPerIndex: that must be refused.
#
# Usage: bash deploy/kubernetes/validate.sh   Prints 'N passed, M failed'.
set -euo pipefail
cd "$(dirname "$0")"
venv=${KUBERNETES_VALIDATE_VENV:-${TMPDIR:-/tmp}/edgesim-kubernetes-validate}
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "kubernetes-validate==1.37.0"
fi
validate() { "$venv/bin/kubernetes-validate" --strict --quiet -k "$1" sweep-job.yaml merge-job.yaml; }

passed=0; failed=0
for version in 1.29.0 1.37.0; do
    if validate "$version"; then
        echo "ok   both manifests are valid Kubernetes $version"; passed=$((passed + 1))
    else
        echo "FAIL the manifests do not validate against Kubernetes $version"; failed=$((failed + 1))
    fi
done
if validate 1.27.0 >/dev/null 2>&1; then
    echo "FAIL Kubernetes 1.27 accepted backoffLimitPerIndex: the validator checks nothing"; failed=$((failed + 1))
else
    echo "ok   Kubernetes 1.27 refuses backoffLimitPerIndex, as it should"; passed=$((passed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
