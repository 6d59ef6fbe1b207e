#!/usr/bin/env bash
# Installs the project's npm dependencies (when missing or stale) and generates the Prisma client.
# Works with only the npm registry reachable: no browser download, no Prisma engine download.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NEXT_TELEMETRY_DISABLED=1
# better-sqlite3 compiles with node-gyp; point it at the system's Node headers, not a download.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci (its postinstall generates the Prisma client)"
  npm ci --no-audit --no-fund
else
  # Dependencies are current, but the schema may have changed since the last generate.
  npm run --silent db:generate
fi
