#!/usr/bin/env bash
# Makes the stand-in GraalVM home used to verify native builds on machines without GraalVM, Mandrel or a
# container engine (see shared/native/README.md; never ship binaries built with it).
#   scripts/native-home.sh [TARGET]     default TARGET: /tmp/switchboard-graalvm; prints nothing else on success
# assemble.sh skips the steps it already finished, so a second call costs a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-/tmp/switchboard-graalvm}"
assemble="${SWITCHBOARD_NATIVE_ASSEMBLE:-../shared/native/assemble.sh}"
if [ ! -f "$assemble" ]; then
    echo "native-home: $assemble not found (set SWITCHBOARD_NATIVE_ASSEMBLE to the stand-in's assemble.sh)" >&2
    exit 1
fi
. scripts/jdk.sh
# The builder runs on JVMCI, which Temurin 25 has; jdk.sh may have picked an older JDK for Maven.
base_jdk="${BASE_JDK:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)}"
if [ -z "$base_jdk" ] || [ ! -x "$base_jdk/bin/java" ]; then
    echo "native-home: no JDK 25 with JVMCI found (set BASE_JDK)" >&2
    exit 1
fi
# What assemble.sh compiles and unpacks with (shared/native/README.md, "Running it"); a fresh Debian machine may lack some.
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
# The security archive can list an openjdk-25 source whose files it no longer serves (2026-12-03: it listed
# 25.0.2+10-1~deb13u2, the nearest to Temurin 25.0.3, and answered 404). assemble.sh resumes at the failed step, so
# after its default suites (an empty DEBIAN_SUITES) try the main suite's source alone, then unstable's.
assembled=0
for suites in "${DEBIAN_SUITES:-}" trixie sid; do
    if DEBIAN_SUITES="$suites" BASE_JDK="$base_jdk" bash "$assemble" "$target" --no-smoke-test; then
        assembled=1
        break
    fi
    echo "native-home: the openjdk-25 source from '${suites:-the default suites}' could not be used" >&2
done
[ "$assembled" = 1 ] || exit 1

# Quarkus' H2 extension asks for --add-modules=jdk.net, which the stand-in launcher rejects. The real driver adds
# such modules to the builder JVM's module graph; the stand-in's builder JVM takes -J flags, so pass it there.
front="$target/bin/native-image"
if ! grep -q 'switchboard: add-modules' "$front"; then
    mv "$front" "$target/bin/native-image.standin"
    cat > "$front" <<'WRAPPER'
#!/usr/bin/env bash
# switchboard: add-modules → builder JVM flag (scripts/native-home.sh)
args=()
for a in "$@"; do
    case "$a" in
        --add-modules=*) args+=("-J$a") ;;
        *) args+=("$a") ;;
    esac
done
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/native-image.standin" "${args[@]}"
WRAPPER
    chmod +x "$front"
fi
