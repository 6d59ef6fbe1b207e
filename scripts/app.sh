#!/usr/bin/env bash
# One command from a fresh clone to a running app: install, build when sources changed, start.
# The server creates and migrates its database itself on first start (instrumentation.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

export NEXT_TELEMETRY_DISABLED=1
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib prisma instrumentation.ts next.config.ts server.ts package-lock.json -path lib/generated -prune -o -type f -newer .next/BUILD_ID -print -quit)" ]; then
  echo "==> next build"
  npx next build
fi

echo "==> starting (HOST=${HOST:-127.0.0.1} PORT=${PORT:-3000})"
exec npm run --silent start
