#!/usr/bin/env bash
# Every check and test suite of the project, as CI runs it (.ci/run calls this).
# Installs what a fresh Debian machine lacks, runs each stage even when an earlier one failed
# (so one run shows every problem), and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 CI="${CI:-true}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -n "$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null)" ] || missing+=(postgresql)
[ -x /usr/bin/aws ] || missing+=(awscli) # the AWS CLI is a real client of the local EventBridge
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

bash scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

results=test-results
rm -rf "$results" && mkdir -p "$results"
checks="$results/checks.txt"
: > "$checks"

# A check that is not a test suite (lint, typecheck, build) counts as one test.
check() {
  local name="$1"; shift
  echo "==> $name"
  if "$@"; then echo "pass $name" >> "$checks"; else echo "fail $name" >> "$checks"; fi
}

check lint npm run --silent lint
check typecheck npm run --silent typecheck
echo "==> unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/unit.json"
if check build npx next build; then :; fi
echo "==> end-to-end tests (Chromium)"
if grep -q "pass build" "$checks"; then
  npx playwright test
else
  echo "skipped: the build failed"
fi
echo "==> PostgreSQL integration"
npm run --silent test:pg 2>&1 | tee "$results/postgres.txt"
check "local-eventbridge-on-postgresql" npm run --silent test:pg:bus

node scripts/summarize-tests.mjs "$results"
