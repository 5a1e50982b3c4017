#!/usr/bin/env bash
# Restores a dump made by scripts/backup.sh into an existing database. Usage:
#
#   scripts/restore.sh [--clean] <dump-file> <target-database-url>
#
# The target is named explicitly (never read from DATABASE_URL), so a restore cannot overwrite the
# running database by accident. Without --clean the target must be empty (no tables in public);
# --clean drops the dump's objects in the target first, for replacing a database in place. The
# restore runs in one transaction and stops at the first error: it lands whole or not at all.
# DATABASE_PASSWORD and PG_BIN work as in scripts/backup.sh.
set -euo pipefail

clean=()
if [[ "${1:-}" == "--clean" ]]; then
  clean=(--clean --if-exists)
  shift
fi
if [[ $# -ne 2 ]]; then
  echo "usage: scripts/restore.sh [--clean] <dump-file> <target-database-url>" >&2
  exit 64
fi
dump="$1"
target="$2"
if [[ ! -r "$dump" ]]; then
  echo "restore: cannot read $dump" >&2
  exit 66
fi
bin="${PG_BIN:+${PG_BIN%/}/}"
if [[ -n "${DATABASE_PASSWORD:-}" ]]; then export PGPASSWORD="$DATABASE_PASSWORD"; fi

if [[ ${#clean[@]} -eq 0 ]]; then
  tables="$("${bin}psql" --no-psqlrc --tuples-only --no-align --dbname="$target" \
    --command="select count(*) from pg_tables where schemaname = 'public'")"
  if [[ "$tables" != "0" ]]; then
    echo "restore: the target already has $tables tables; pass --clean to replace them" >&2
    exit 65
  fi
fi
"${bin}pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction \
  "${clean[@]}" --dbname="$target" "$dump"
echo "restore: restored $dump"
