#!/usr/bin/env bash
# Generates both Prisma clients (lib/generated/sqlite and lib/generated/postgres)
# offline. Every Prisma CLI command first tries to download the native schema
# engine from Prisma's CDN, which our machines cannot reach; generate does not
# need it, so pointing PRISMA_SCHEMA_ENGINE_BINARY at /bin/true skips that.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY=/bin/true
export CHECKPOINT_DISABLE=1 # no telemetry request
for schema in prisma/schema.prisma prisma/postgres/schema.prisma; do
  npx --no-install prisma generate --schema "$schema"
done
