#!/usr/bin/env bash
# Makes the stand-in GraalVM home used to verify native builds on machines without GraalVM, Mandrel or a
# container engine (docs/operations.md, "Native builds"; never ship binaries built with it).
#   scripts/native-home.sh [TARGET]     default TARGET: /tmp/switchboard-graalvm; prints nothing else on success
# The assembler sits beside the checkout (SWITCHBOARD_NATIVE_ASSEMBLE overrides it); it skips the steps it already
# finished, so a second call costs a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-/tmp/switchboard-graalvm}"
# The assembler is the machine's, not the project's: it sits beside the checkout on this project's machines.
assemble="${SWITCHBOARD_NATIVE_ASSEMBLE:-}"
if [ -z "$assemble" ]; then
    for candidate in ../shared/native/assemble.sh /work/shared/native/assemble.sh; do
        [ -f "$candidate" ] && { assemble=$candidate; break; }
    done
fi
if [ -z "$assemble" ] || [ ! -f "$assemble" ]; then
    echo "native-home: the stand-in's assemble.sh was not found (set SWITCHBOARD_NATIVE_ASSEMBLE to it)" >&2
    exit 3
fi
# The builder runs on JVMCI, which Temurin 25 has.
base_jdk="${BASE_JDK:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)}"
if [ -z "$base_jdk" ] || [ ! -x "$base_jdk/bin/java" ]; then
    echo "native-home: no JDK 25 with JVMCI found (set BASE_JDK)" >&2
    exit 1
fi
# What the assembler compiles and unpacks with; a fresh Debian machine may lack some.
need=()
for package in gcc binutils zlib1g-dev xz-utils unzip debian-archive-keyring; do
    dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "native-home: missing Debian packages: ${need[*]} (and no root apt-get to install them)" >&2
        exit 1
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
BASE_JDK="$base_jdk" bash "$assemble" "$target" --no-smoke-test
