#!/usr/bin/env bash
# amlnet end to end on this machine: builds what is missing (the local control plane from Go
# modules, the jar with Maven), then runs `amlnet sandbox`: kube-apiserver + etcd, the ARM
# emulator, the operator, the examples applied and their status shown. Extra arguments go to
# `amlnet sandbox` (e.g. --keep-running).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
hack/control-plane/install.sh control-plane
if [[ ! -f target/amlnet.jar || -n "$(find src pom.xml -newer target/amlnet.jar -print -quit)" ]]; then
  mvn -B -q package -DskipTests
fi
exec java -jar target/amlnet.jar sandbox "$@"
