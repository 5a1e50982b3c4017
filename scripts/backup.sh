#!/usr/bin/env bash
# Dumps the database at DATABASE_URL to one file in pg_dump's custom format (compressed, restorable
# table by table with pg_restore). Usage:
#
#   DATABASE_URL=postgres://user@host:5432/newsroom scripts/backup.sh [output-file]
#
# The output defaults to backups/newsroom-<UTC timestamp>.dump. DATABASE_PASSWORD, when set, is
# passed as PGPASSWORD (as the app accepts it apart from the URL). PG_BIN picks the directory of the
# PostgreSQL client tools, for when the server is newer than the client on PATH (pg_dump refuses to
# dump a server of a later major version). The dump is written under a temporary name, checked with
# `pg_restore --list`, then renamed, so a file with the final name is always a complete dump.
set -euo pipefail

if [[ -z "${DATABASE_URL:-}" ]]; then
  echo "backup: DATABASE_URL is not set (the database to dump)" >&2
  exit 64
fi
bin="${PG_BIN:+${PG_BIN%/}/}"
output="${1:-backups/newsroom-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$output")"
partial="${output}.partial"
trap 'rm -f "$partial"' EXIT

if [[ -n "${DATABASE_PASSWORD:-}" ]]; then export PGPASSWORD="$DATABASE_PASSWORD"; fi
# No owners or grants: the dump restores into a database owned by whoever runs the restore (a
# local role, or RDS's master user), which need not share role names with the source.
"${bin}pg_dump" --format=custom --no-owner --no-privileges --file="$partial" "$DATABASE_URL"
"${bin}pg_restore" --list "$partial" >/dev/null
mv "$partial" "$output"
trap - EXIT
echo "backup: wrote $output ($(wc -c <"$output") bytes)"
