#!/usr/bin/env bash
# Proves both services work as native executables: makes the stand-in GraalVM home, builds each service natively
# (one at a time: a build takes about 4 minutes and up to 6 GB on a 2-core machine), then runs its
# @QuarkusIntegrationTest suite (XxxIT) against the executable. Fails loudly when a prerequisite is missing or an
# IT suite ran no test.
#   scripts/native-verify.sh [module ...]      default: control-api call-gateway
# Env: GRAALVM_HOME (default /tmp/switchboard-graalvm, made by scripts/native-home.sh), MAVEN_ARGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
export GRAALVM_HOME="${GRAALVM_HOME:-/tmp/switchboard-graalvm}"
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(control-api call-gateway)

step() { echo "native-verify: $*"; }
t0=$(date +%s)
scripts/native-home.sh "$GRAALVM_HOME"
"$GRAALVM_HOME/bin/native-image" --version >/dev/null
step "stand-in GraalVM home ready in $(( $(date +%s) - t0 ))s"

for module in "${modules[@]}"; do
    t=$(date +%s)
    rm -rf "$module/target/failsafe-reports"
    # verify -Dnative: package the executable, then failsafe runs the ITs against it; the JVM tests already ran
    # in ./test.sh, so surefire is told to select none.
    # shellcheck disable=SC2086
    ./mvnw -B ${MAVEN_ARGS:-} verify -Dnative -pl "$module" \
        -Dtest=NoJvmTestsInNativeStage -Dsurefire.failIfNoSpecifiedTests=false
    runner=$(ls "$module"/target/*-runner 2>/dev/null | head -n 1)
    [ -x "$runner" ] || { step "ERROR: $module built no native executable"; exit 1; }
    # Passed = run minus skipped, summed over the failsafe reports (a failure already failed the Maven run).
    ran=$(cat "$module"/target/failsafe-reports/TEST-*.xml 2>/dev/null | grep -o '<testsuite [^>]*>' \
        | awk '{t=0; k=0; if (match($0, /tests="[0-9]+"/)) t=substr($0, RSTART+7, RLENGTH-8);
                if (match($0, /skipped="[0-9]+"/)) k=substr($0, RSTART+9, RLENGTH-10); s+=t-k} END {print s+0}')
    [ "$ran" -gt 0 ] || { step "ERROR: $module ran no integration test against its executable"; exit 1; }
    step "$module: $(du -h "$runner" | cut -f1) executable, $ran ITs passed natively in $(( $(date +%s) - t ))s"
done
step "total $(( $(date +%s) - t0 ))s"
