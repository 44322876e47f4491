# Shared by setup/run and setup/test: prerequisites, PostgreSQL and the Odoo configuration.
# Source it; it defines functions and sets ROOT, LOCAL and PYTHON.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL=$ROOT/.local
PYTHON=${PYTHON:-python3}
# payment_demo: the test payment provider the debtor pays with in the demo and the portal tests.
ADDONS=receivable_dunning,receivable_collection,debtor_portal,payment_demo
ODOO_CONF=$LOCAL/odoo.conf
PG_STARTED_HERE=""

die() {
    echo "setup: $*" >&2
    exit 1
}

# ---- prerequisites ---------------------------------------------------------

require_odoo() {
    if ! "$PYTHON" -c 'import sys, odoo.release as r; sys.exit(r.serie != "19.0")' >/dev/null 2>&1; then
        die "Odoo 19.0 is not importable by $PYTHON ('$PYTHON -c \"import odoo\"' must work and report 19.0).
Install Odoo 19.0 Community from source as Odoo's guide describes:
  https://www.odoo.com/documentation/19.0/administration/on_premise/source.html
then run this command again."
    fi
}

find_pg_bindir() {
    local dir
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    done
}

require_postgres_server() {
    PG_BIN=$(find_pg_bindir)
    [ -n "$PG_BIN" ] || die "PostgreSQL server binaries (initdb, pg_ctl) were not found.
Install PostgreSQL 15 or newer (Debian/Ubuntu: 'apt-get install postgresql'),
or point PGHOST/PGPORT/PGUSER/PGPASSWORD (or --db-host/--db-port/--db-user/--db-password) at a running server."
}

require_chromium() {
    local exe
    for exe in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$exe" >/dev/null 2>&1 && return
    done
    die "Chromium was not found; the browser tests need it.
Install it (Debian/Ubuntu: 'apt-get install chromium') and run this command again."
}

install_requirements() {
    if ! "$PYTHON" -c 'import xmltodict, num2words, reportlab, websocket, pytest, pytest_odoo, hypothesis, freezegun' \
        >/dev/null 2>&1; then
        echo "setup: installing the Python requirements (requirements.txt)"
        "$PYTHON" -m pip install --quiet -r "$ROOT/requirements.txt" || die "pip could not install requirements.txt"
    fi
}

# ---- database server -------------------------------------------------------

# parse_db_options "$@": consumes --db-host/--db-port/--db-user/--db-password, leaves the rest in REST_ARGS.
parse_db_options() {
    REST_ARGS=()
    while [ $# -gt 0 ]; do
        case "$1" in
            --db-host) PGHOST=$2; shift 2 ;;
            --db-port) PGPORT=$2; shift 2 ;;
            --db-user) PGUSER=$2; shift 2 ;;
            --db-password) PGPASSWORD=$2; shift 2 ;;
            --db-host=*) PGHOST=${1#*=}; shift ;;
            --db-port=*) PGPORT=${1#*=}; shift ;;
            --db-user=*) PGUSER=${1#*=}; shift ;;
            --db-password=*) PGPASSWORD=${1#*=}; shift ;;
            *) REST_ARGS+=("$1"); shift ;;
        esac
    done
}

uses_external_server() {
    [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}${PGPASSWORD:-}" ]
}

# The private cluster must not run as root: as root, run its commands as an unprivileged user.
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$PG_OS_USER" -- "$@"
    else
        "$@"
    fi
}

pick_pg_os_user() {
    PG_OS_USER=$(id -un)
    if [ "$(id -u)" = 0 ]; then
        if id postgres >/dev/null 2>&1; then
            PG_OS_USER=postgres
        else
            PG_OS_USER=nobody
        fi
    fi
}

free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Data directory of the private cluster: .local/pgdata, or, when the unprivileged
# owner cannot reach the checkout (a checkout under /root), a directory in /var/tmp
# that .local/pgdata links to.
prepare_pgdata() {
    mkdir -p "$LOCAL"
    PGDATA_DIR=$LOCAL/pgdata
    if [ -L "$PGDATA_DIR" ] || [ -d "$PGDATA_DIR" ]; then
        return
    fi
    mkdir -p "$PGDATA_DIR"
    if [ "$(id -u)" = 0 ]; then
        chown "$PG_OS_USER" "$PGDATA_DIR"
        chmod 700 "$PGDATA_DIR"
        if ! runuser -u "$PG_OS_USER" -- test -w "$PGDATA_DIR"; then
            rmdir "$PGDATA_DIR"
            local outside
            outside=$(mktemp -d /var/tmp/receivables-pgdata.XXXXXX)
            chown "$PG_OS_USER" "$outside"
            chmod 700 "$outside"
            ln -s "$outside" "$PGDATA_DIR"
        fi
    fi
}

start_private_cluster() {
    require_postgres_server
    pick_pg_os_user
    prepare_pgdata
    local pgdata
    pgdata=$(readlink -f "$PGDATA_DIR")
    if [ ! -f "$pgdata/PG_VERSION" ]; then
        echo "setup: creating a private PostgreSQL cluster in $PGDATA_DIR"
        as_pg_owner "$PG_BIN/initdb" -D "$pgdata" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
            || die "initdb failed for $pgdata"
    fi
    if ! as_pg_owner "$PG_BIN/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
        local port
        port=$(free_port)
        as_pg_owner "$PG_BIN/pg_ctl" -D "$pgdata" -w -t 60 -l "$pgdata/server.log" \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c fsync=off" \
            start >/dev/null || die "PostgreSQL did not start; see $pgdata/server.log"
        PG_STARTED_HERE=$pgdata
    fi
    DB_HOST=127.0.0.1
    DB_PORT=$(sed -n 4p "$pgdata/postmaster.pid")
    DB_USER=odoo
    DB_PASSWORD=""
}

stop_private_cluster() {
    if [ -n "$PG_STARTED_HERE" ]; then
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_STARTED_HERE" -m fast stop >/dev/null 2>&1 || true
        PG_STARTED_HERE=""
    fi
}

start_database_server() {
    if uses_external_server; then
        DB_HOST=${PGHOST:-localhost}
        DB_PORT=${PGPORT:-5432}
        DB_USER=${PGUSER:-$(id -un)}
        DB_PASSWORD=${PGPASSWORD:-}
    else
        start_private_cluster
        trap stop_private_cluster EXIT
    fi
    write_odoo_conf
}

write_odoo_conf() {
    mkdir -p "$LOCAL/data"
    cat >"$ODOO_CONF" <<EOF
[options]
addons_path = $ROOT
data_dir = $LOCAL/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
${DB_PASSWORD:+db_password = $DB_PASSWORD}
http_interface = 127.0.0.1
http_port = ${HTTP_PORT:-8069}
list_db = False
EOF
}

# ---- databases --------------------------------------------------------------

# sql DB QUERY: runs one query through Odoo's own driver and prints the first column of each row.
sql() {
    "$PYTHON" - "$DB_HOST" "$DB_PORT" "$DB_USER" "${DB_PASSWORD:-}" "$1" "$2" <<'EOF'
import sys
import psycopg2
host, port, user, password, dbname, query = sys.argv[1:]
try:
    conn = psycopg2.connect(host=host, port=port, user=user, password=password or None, dbname=dbname)
except psycopg2.OperationalError:
    sys.exit(0)
conn.autocommit = True
with conn.cursor() as cr:
    try:
        cr.execute(query)
    except psycopg2.Error:
        sys.exit(0)
    for row in cr.fetchall() if cr.description else ():
        print(row[0])
EOF
}

database_ready() {
    # A database is ready when the three addons are installed (a first build interrupted halfway is not).
    [ "$(sql "$1" "SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN \
        ('receivable_dunning', 'receivable_collection', 'debtor_portal')")" = 3 ]
}

drop_database() {
    sql postgres "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
    rm -rf "$LOCAL/data/filestore/$1"
}

# A checksum of the addons' files: tells setup/run whether its database needs an update.
addons_fingerprint() {
    (cd "$ROOT" && find receivable_dunning receivable_collection debtor_portal -type f \
        ! -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
}

odoo_cli() {
    "$PYTHON" -m odoo "$@"
}
