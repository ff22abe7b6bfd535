# Sourced by .ci/run (as root): installs and starts what the service tests need — a real
# PostgreSQL on 127.0.0.1 and headless Chromium for the review-console test — and exports
# TACTFUL_TEST_PG_URL. Idempotent, so a developer can source it too.
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql chromium >/dev/null

PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main"' | grep -q .; then
  pg_createcluster "$PG_VERSION" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  pg_ctlcluster "$PG_VERSION" main start
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $3}')"
PG_DB="${TACTFUL_TEST_PG_DB:-tactful_test}"

as_postgres() { su postgres -c "$1"; }
if ! as_postgres "psql -p $PG_PORT -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'tactful'\"" | grep -q 1; then
  as_postgres "psql -p $PG_PORT -qc \"CREATE ROLE tactful LOGIN PASSWORD 'tactful'\""
fi
if ! as_postgres "psql -p $PG_PORT -tAc \"SELECT 1 FROM pg_database WHERE datname = '$PG_DB'\"" | grep -q 1; then
  as_postgres "createdb -p $PG_PORT -O tactful $PG_DB"
fi
export TACTFUL_TEST_PG_URL="postgresql+psycopg://tactful:tactful@127.0.0.1:${PG_PORT}/${PG_DB}"
