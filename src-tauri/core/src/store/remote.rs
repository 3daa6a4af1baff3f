//! The desk's side in PostgreSQL (issue 14): connecting as the checker's own role (TLS by rustls
//! when the server offers or the address asks for it), creating the desk's schema, and the calls
//! a replica makes: push, pull, snapshot, blobs, status. Every statement here calls one of the
//! desk's functions (store/desk_schema/), except creating the schema and granting membership,
//! which the desk's owner does.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, Config};
use serde_json::{json, Value as Json};

use super::desk::Change;
use crate::error::{Error, Result};

/// The desk's schema, one numbered script a version; `meta.schema` says which ran.
const DESK_MIGRATIONS: &[&str] =
    &[include_str!("desk_schema/0001_desk.sql"), include_str!("desk_schema/0002_gate_rules.sql")];

/// The service under which desk passwords are kept in the system keyring.
const KEYRING_SERVICE: &str = "Factdesk desk";

/// The newest desk schema this version knows.
pub const DESK_SCHEMA: i64 = DESK_MIGRATIONS.len() as i64;

/// Where a desk is, parsed, with the password (if the address had one) kept apart from it.
#[derive(Clone)]
pub struct DeskAddress {
    config: Config,
    /// The address as stored in the workspace: never with a password.
    pub shown: String,
    /// The password the address carried, if any (used, never stored).
    pub password: Option<String>,
    /// Our own TLS settings (the client library does not know them): the newsroom's certificate
    /// authority, and a client certificate and key to log in with instead of a password.
    tls: TlsFiles,
}

#[derive(Clone, Default)]
struct TlsFiles {
    root_cert: Option<String>,
    cert: Option<String>,
    key: Option<String>,
}

const OUR_PARAMS: [&str; 3] = ["sslrootcert", "sslcert", "sslkey"];

impl std::fmt::Debug for DeskAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl DeskAddress {
    /// Parses `postgres://role[:password]@host[:port]/database[?sslmode=…&sslrootcert=FILE]`.
    pub fn parse(address: &str) -> Result<DeskAddress> {
        let bad = |why: String| {
            Error::validation(
                "url",
                format!("“{address}” is not a desk address ({why}). Write it as postgres://ROLE@HOST:PORT/DATABASE."),
            )
        };
        let mut url = url::Url::parse(address.trim()).map_err(|e| bad(e.to_string()))?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            return Err(bad("it must begin with postgres://".into()));
        }
        if url.username().is_empty() {
            return Err(bad("it names no role: put your PostgreSQL role before the @".into()));
        }
        if url.path().trim_matches('/').is_empty() {
            return Err(bad("it names no database".into()));
        }
        let password = url.password().map(|p| {
            percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned()
        });
        // The certificate files are ours to read (the client library does not know them).
        let param = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
        let tls = TlsFiles { root_cert: param("sslrootcert"), cert: param("sslcert"), key: param("sslkey") };
        if tls.cert.is_some() != tls.key.is_some() {
            return Err(bad("a client certificate needs both sslcert and sslkey".into()));
        }
        let ours: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| OUR_PARAMS.contains(&k.as_ref()))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !OUR_PARAMS.contains(&k.as_ref()))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.set_query(None);
        if !kept.is_empty() {
            url.query_pairs_mut().extend_pairs(kept);
        }
        let _ = url.set_password(None);
        let mut config = Config::from_str(url.as_str()).map_err(|e| bad(e.to_string()))?;
        config.connect_timeout(Duration::from_secs(10));
        let mut shown = url.clone();
        if !ours.is_empty() {
            shown.query_pairs_mut().extend_pairs(ours);
        }
        Ok(DeskAddress { config, shown: shown.to_string(), password, tls })
    }

    /// The role the address connects as.
    pub fn role(&self) -> String {
        self.config.get_user().unwrap_or_default().to_string()
    }

    fn host_port_db(&self) -> (String, u16, String) {
        let host = match self.config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => h.clone(),
            #[cfg(unix)]
            Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
            None => "localhost".into(),
        };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        (host, port, self.config.get_dbname().unwrap_or_default().to_string())
    }

    /// The name of this desk login in the system keyring: role@host:port/database.
    fn keyring_entry(&self) -> Option<keyring::Entry> {
        let (host, port, db) = self.host_port_db();
        keyring::Entry::new(KEYRING_SERVICE, &format!("{}@{host}:{port}/{db}", self.role())).ok()
    }

    /// Keeps `password` in the system keyring for this login. Err says, in words, why it could
    /// not (no keyring on this machine, say).
    pub fn remember_password(&self, password: &str) -> std::result::Result<(), String> {
        let entry = self.keyring_entry().ok_or_else(|| "the system keyring cannot name this desk".to_string())?;
        entry.set_password(password).map_err(|e| e.to_string())
    }

    /// Removes this login's password from the system keyring, if it is there.
    pub fn forget_password(&self) {
        if let Some(e) = self.keyring_entry() {
            let _ = e.delete_credential();
        }
    }

    /// The password to use: the one given, else the address's, else `PGPASSWORD`, else the
    /// system keyring, else the matching line of the password file (`PGPASSFILE`, else ~/.pgpass).
    fn find_password(&self, given: Option<&str>) -> Option<String> {
        if let Some(p) = given.or(self.password.as_deref()) {
            return Some(p.to_string());
        }
        if let Ok(p) = std::env::var("PGPASSWORD") {
            return Some(p);
        }
        if let Some(p) = self.keyring_entry().and_then(|e| e.get_password().ok()) {
            return Some(p);
        }
        let file = std::env::var_os("PGPASSFILE")
            .map(std::path::PathBuf::from)
            .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")))?;
        let text = std::fs::read_to_string(file).ok()?;
        let (host, port, db) = self.host_port_db();
        pgpass_lookup(&text, &host, port, &db, &self.role())
    }
}

/// The password for (host, port, database, role) in the text of a PostgreSQL password file.
pub(crate) fn pgpass_lookup(text: &str, host: &str, port: u16, db: &str, role: &str) -> Option<String> {
    let port = port.to_string();
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        // Fields are separated by ':'; '\:' and '\\' escape.
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => cur.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        fields.push(cur);
        if fields.len() != 5 {
            continue;
        }
        let ok = |pat: &str, v: &str| pat == "*" || pat == v;
        if ok(&fields[0], host) && ok(&fields[1], &port) && ok(&fields[2], db) && ok(&fields[3], role) {
            return Some(fields[4].clone());
        }
    }
    None
}

/// A connection to the desk.
pub struct Remote {
    client: Client,
    role: String,
}

/// What the desk answered to a push.
#[derive(Debug)]
pub(crate) struct PushAnswer {
    /// Local transactions refused, with the reason.
    pub refused: Vec<(i64, String)>,
}

fn read_pem(path: &str, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(format!("reading {what} {path}"), e))
}

fn certificates(path: &str, what: &str) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>> {
    use rustls::pki_types::pem::PemObject;
    let pem = read_pem(path, what)?;
    let certs = rustls::pki_types::CertificateDer::pem_slice_iter(&pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::validation("url", format!("{path} is not a PEM certificate: {e}")))?;
    if certs.is_empty() {
        return Err(Error::validation("url", format!("{path} holds no certificate")));
    }
    Ok(certs)
}

fn tls(files: &TlsFiles) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = &files.root_cert {
        for cert in certificates(path, "the desk's certificate authority")? {
            roots.add(cert).map_err(|e| Error::validation("url", format!("{path}: {e}")))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Network(format!("TLS could not be set up: {e}")))?
        .with_root_certificates(roots);
    let config = match (&files.cert, &files.key) {
        (Some(cert), Some(key)) => {
            let chain = certificates(cert, "your client certificate")?;
            let key = rustls::pki_types::PrivateKeyDer::from_pem_slice(&read_pem(key, "your client key")?)
                .map_err(|e| Error::validation("url", format!("{key} is not a PEM private key: {e}")))?;
            builder
                .with_client_auth_cert(chain, key)
                .map_err(|e| Error::validation("url", format!("the client certificate cannot be used: {e}")))?
        }
        _ => builder.with_no_client_auth(),
    };
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// The desk's record of its version (`factdesk.meta`, key `schema`) is missing or not a number:
/// someone changed the desk's tables by hand. Nothing is upgraded or synced on a guess.
pub(crate) fn damaged_schema(value: Option<&str>) -> Error {
    let found = match value {
        Some(v) => format!("it says \"{}\", which is not a version number", v.chars().take(40).collect::<String>()),
        None => "it is missing".into(),
    };
    Error::Conflict(format!(
        "This desk's record of its version is damaged ({found}). Nothing was changed, on the desk or \
         here. The desk's owner can set it back: in the desk's database, table factdesk.meta, \
         key 'schema' (see docs/desk.md)."
    ))
}

/// [`desk_error`] for the queries that read the desk's version (`about`, `status`), which cast it
/// to a number: a value that is not one is a damaged record, said so, not PostgreSQL's words.
fn schema_read_error(e: postgres::Error) -> Error {
    match e.as_db_error() {
        Some(db) if matches!(db.code().code(), "22P02" | "22003") => {
            // PostgreSQL quotes the value it could not read: `… type integer: "two"`.
            let m = db.message();
            let value = m.find('"').and_then(|a| m.rfind('"').filter(|&b| b > a).map(|b| &m[a + 1..b]));
            damaged_schema(Some(value.unwrap_or_default()))
        }
        _ => desk_error(e),
    }
}

/// A PostgreSQL error in words for a checker.
pub(crate) fn desk_error(e: postgres::Error) -> Error {
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        return match code {
            "42501" if db.message().contains("function push") || db.message().contains("function put_blob") => {
                Error::Conflict(
                    "Your role may read this desk but not change it (it is not a member of factdesk_checker). \
                     Your changes stay in this workspace; ask the desk's owner to let you in as a checker."
                        .into(),
                )
            }
            "42501" => Error::Conflict(format!("The desk refused: {}", db.message())),
            "28P01" | "28000" => Error::Conflict(format!(
                "The desk did not accept this role and password ({}). Check the address, or the password in your password file.",
                db.message()
            )),
            "3D000" => Error::validation("url", format!("No such database on the desk's server: {}", db.message())),
            "3F000" | "42883" => Error::Conflict(
                "There is no Factdesk desk in this database. Create one first (factdesk-cli desk create).".into(),
            ),
            _ => Error::Conflict(format!("The desk answered with an error: {} ({code})", db.message())),
        };
    }
    if e.is_closed() {
        return Error::Network("The connection to the desk was lost.".into());
    }
    let mut why = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        why = format!("{why}: {s}");
        src = s.source();
    }
    Error::Network(format!("The desk could not be reached: {why}"))
}

impl Remote {
    /// Connects as the address's role; `replica` names this copy to the server (it shows who is
    /// connected). `password`: one given now, else the usual places (see `find_password`).
    pub fn connect(address: &DeskAddress, password: Option<&str>, replica: Option<&str>) -> Result<Remote> {
        let mut config = address.config.clone();
        if let Some(p) = address.find_password(password) {
            config.password(p);
        }
        config.application_name(&format!("factdesk {}", replica.unwrap_or("setup")));
        let client = config.connect(tls(&address.tls)?).map_err(desk_error)?;
        Ok(Remote { client, role: address.role() })
    }

    pub fn role(&self) -> &str {
        &self.role
    }

    /// Whether this database holds a desk, and its schema version.
    pub fn desk_schema(&mut self) -> Result<Option<i64>> {
        let exists: bool = self
            .client
            .query_one("SELECT to_regclass('factdesk.meta') IS NOT NULL", &[])
            .map_err(desk_error)?
            .get(0);
        if !exists {
            return Ok(None);
        }
        // Readers cannot read meta directly: about() tells the schema.
        let status = self.about()?;
        Ok(status.get("schema").and_then(Json::as_i64))
    }

    /// Creates the desk in this database, as its owner: the two group roles (checkers,
    /// readers), the schema and its functions; the owner becomes a checker. Returns the desk id.
    pub fn create_desk(&mut self) -> Result<String> {
        self.create_desk_at(DESK_SCHEMA)
    }

    /// `create_desk` with the schema only up to version `schema`: a desk as an earlier Factdesk
    /// made it, for the tests of the upgrade.
    #[doc(hidden)]
    pub fn create_desk_at(&mut self, schema: i64) -> Result<String> {
        let schema = schema.clamp(1, DESK_SCHEMA);
        if self.desk_schema()?.is_some() {
            return Err(Error::Conflict("This database already holds a desk: join it instead (factdesk-cli desk join).".into()));
        }
        let desk_id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.client.transaction().map_err(desk_error)?;
        tx.batch_execute(
            "DO $$ BEGIN
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'factdesk_checker') THEN
                     CREATE ROLE factdesk_checker NOLOGIN;
                 END IF;
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'factdesk_reader') THEN
                     CREATE ROLE factdesk_reader NOLOGIN;
                 END IF;
             END $$;",
        )
        .map_err(|e| match desk_error(e) {
            Error::Conflict(m) => Error::Conflict(format!(
                "{m}. Creating a desk needs a role that may create roles (CREATEROLE) and schemas in this database."
            )),
            other => other,
        })?;
        let me = self.role.replace('"', "\"\"");
        tx.batch_execute(&format!("GRANT factdesk_checker TO \"{me}\""))
            .map_err(desk_error)?;
        for m in &DESK_MIGRATIONS[..schema as usize] {
            tx.batch_execute(m).map_err(desk_error)?;
        }
        tx.execute("UPDATE factdesk.meta SET value = $1 WHERE key = 'schema'", &[&schema.to_string()])
            .map_err(desk_error)?;
        tx.execute(
            "INSERT INTO factdesk.meta (key, value) VALUES ('desk_id', $1), ('seeding', $2)",
            &[&desk_id, &self.role],
        )
        .map_err(desk_error)?;
        tx.commit().map_err(desk_error)?;
        Ok(desk_id)
    }

    /// Brings the desk's schema up to this version's when this role owns the desk, in one
    /// transaction taken in turn with pushes. Returns the version it had; None when it was
    /// current, or when this role is not the owner: a checker works on the older schema (its
    /// gate) until the owner's Factdesk next syncs.
    pub fn upgrade_desk(&mut self) -> Result<Option<i64>> {
        let owner: bool = self
            .client
            .query_one(
                "SELECT coalesce((SELECT pg_has_role(session_user, nspowner, 'USAGE') FROM pg_namespace WHERE nspname = 'factdesk'), false)",
                &[],
            )
            .map_err(desk_error)?
            .get(0);
        if !owner {
            return Ok(None);
        }
        let mut tx = self.client.transaction().map_err(desk_error)?;
        tx.execute("SELECT pg_advisory_xact_lock(hashtext('factdesk.push'))", &[]).map_err(desk_error)?;
        let had: Option<String> = tx
            .query_opt("SELECT value FROM factdesk.meta WHERE key = 'schema'", &[])
            .map_err(desk_error)?
            .and_then(|row| row.get(0));
        let had = match had.as_deref().map(|v| v.trim().parse::<i64>()) {
            Some(Ok(had)) => had,
            _ => return Err(damaged_schema(had.as_deref())),
        };
        if had >= DESK_SCHEMA || had < 1 {
            return Ok(None);
        }
        for m in &DESK_MIGRATIONS[had as usize..] {
            tx.batch_execute(m).map_err(desk_error)?;
        }
        tx.execute("UPDATE factdesk.meta SET value = $1 WHERE key = 'schema'", &[&DESK_SCHEMA.to_string()])
            .map_err(desk_error)?;
        tx.commit().map_err(desk_error)?;
        Ok(Some(had))
    }

    /// Lets an existing PostgreSQL role work on the desk (as a checker, or only read it).
    pub fn grant(&mut self, role: &str, reader_only: bool) -> Result<()> {
        let group = if reader_only { "factdesk_reader" } else { "factdesk_checker" };
        let role = role.replace('"', "\"\"");
        self.client.batch_execute(&format!("GRANT {group} TO \"{role}\"")).map_err(desk_error)
    }

    /// Which desk this is and its schema (`factdesk.about()`): cheap, checked by every sync.
    pub fn about(&mut self) -> Result<Json> {
        let row = self.client.query_one("SELECT factdesk.about()", &[]).map_err(schema_read_error)?;
        Ok(row.get(0))
    }

    /// The desk's state at a glance (`factdesk.status()`).
    pub fn status(&mut self) -> Result<Json> {
        let row = self.client.query_one("SELECT factdesk.status()", &[]).map_err(schema_read_error)?;
        Ok(row.get(0))
    }

    /// Ends the creator's upload (see `seeded()` in the desk's schema); nothing for anyone else.
    pub(crate) fn seeded(&mut self) -> Result<()> {
        self.client.execute("SELECT factdesk.seeded()", &[]).map_err(desk_error)?;
        Ok(())
    }

    pub fn hello(&mut self, replica: &str, name: &str) -> Result<()> {
        self.client.execute("SELECT factdesk.hello($1, $2)", &[&replica, &name]).map_err(desk_error)?;
        Ok(())
    }

    /// Sends one push in one PostgreSQL transaction, with the capture bytes it needs.
    pub(crate) fn push(
        &mut self,
        id: &str,
        replica: &str,
        changes: &[Change],
        blobs: &[(String, Vec<u8>)],
    ) -> Result<PushAnswer> {
        let items: Vec<Json> = changes
            .iter()
            .map(|c| {
                json!({ "seq": c.seq, "txn": c.txn, "kind": c.kind, "key": c.key, "op": c.op,
                        "data": c.data, "fields": c.fields, "base": c.base })
            })
            .collect();
        let mut tx = self.client.transaction().map_err(desk_error)?;
        for (sha, bytes) in blobs {
            tx.execute("SELECT factdesk.put_blob($1, $2)", &[sha, bytes]).map_err(desk_error)?;
        }
        let answer: Json = tx
            .query_one("SELECT factdesk.push($1::text::uuid, $2, $3)", &[&id, &replica, &Json::Array(items)])
            .map_err(desk_error)?
            .get(0);
        // For the crash test: killed inside the desk's transaction, before it commits.
        #[cfg(debug_assertions)]
        if std::env::var_os("FACTDESK_DESK_CRASH_IN_PUSH").is_some() {
            std::process::abort();
        }
        tx.commit().map_err(desk_error)?;
        let refused = answer["refused"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|r| (r["txn"].as_i64().unwrap_or_default(), r["reason"].as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        Ok(PushAnswer { refused })
    }

    /// The desk's last change, when every change so far came from `replica` (see the schema).
    pub(crate) fn head_if_only(&mut self, replica: &str) -> Result<Option<i64>> {
        let row = self.client.query_one("SELECT factdesk.head_if_only($1)", &[&replica]).map_err(desk_error)?;
        Ok(row.get(0))
    }

    /// Up to `limit` changes of the desk's log after `after`.
    pub(crate) fn pull(&mut self, after: i64, limit: i32) -> Result<Vec<Change>> {
        let rows = self
            .client
            .query(
                "SELECT seq, kind, key, op, data, role::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')
                 FROM factdesk.pull($1, $2)",
                &[&after, &limit],
            )
            .map_err(desk_error)?;
        Ok(rows
            .iter()
            .map(|r| Change { seq: r.get(0), op: r.get(3), role: r.get(5), at: r.get(6), ..Change::row(r.get(1), r.get(2), r.get(4)) })
            .collect())
    }

    /// Every row the desk has, in batches of `batch` to `each`, read in one consistent snapshot;
    /// returns the desk's last change at that snapshot.
    pub(crate) fn snapshot(&mut self, batch: usize, each: &mut dyn FnMut(Vec<Change>) -> Result<()>) -> Result<i64> {
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(desk_error)?;
        let head: i64 = tx.query_one("SELECT factdesk.head()", &[]).map_err(desk_error)?.get(0);
        let params: [&(dyn postgres::types::ToSql + Sync); 0] = [];
        let mut rows = tx
            .query_raw("SELECT kind, key, data FROM factdesk.snapshot()", params)
            .map_err(desk_error)?;
        let mut chunk = Vec::with_capacity(batch);
        while let Some(r) = rows.next().map_err(desk_error)? {
            chunk.push(Change { seq: head, ..Change::row(r.get(0), r.get(1), r.get(2)) });
            if chunk.len() == batch {
                each(std::mem::take(&mut chunk))?;
            }
        }
        drop(rows);
        if !chunk.is_empty() {
            each(chunk)?;
        }
        tx.commit().map_err(desk_error)?;
        Ok(head)
    }

    /// The rows named by `keys` ((kind, key)) as the desk has them now.
    pub(crate) fn rows_of(&mut self, keys: &[(String, String)]) -> Result<Vec<Change>> {
        let keys = Json::Array(keys.iter().map(|(k, v)| json!([k, v])).collect());
        let rows = self.client.query("SELECT kind, key, data FROM factdesk.rows_of($1)", &[&keys]).map_err(desk_error)?;
        Ok(rows.iter().map(|r| Change::row(r.get(0), r.get(1), r.get(2))).collect())
    }

    /// Captured bytes by SHA-256.
    pub(crate) fn blob(&mut self, sha256: &str) -> Result<Option<Vec<u8>>> {
        let row = self.client.query_one("SELECT factdesk.blob($1)", &[&sha256]).map_err(desk_error)?;
        Ok(row.get(0))
    }

    /// Starts listening on this connection for the desk's word that something changed.
    pub(crate) fn listen(&mut self) -> Result<()> {
        self.client.batch_execute("LISTEN factdesk_changes").map_err(desk_error)
    }

    /// Waits up to `timeout` for that word; true when it came (false: quiet, try again).
    pub(crate) fn wait_for_change(&mut self, timeout: Duration) -> Result<bool> {
        let mut notifications = self.client.notifications();
        let mut it = notifications.timeout_iter(timeout);
        let first = it.next().map_err(desk_error)?.is_some();
        drop(it);
        // Several pushes may have landed: one pull brings them all (drain, without waiting).
        if first {
            let mut pending = notifications.iter();
            while pending.next().map_err(desk_error)?.is_some() {}
        }
        Ok(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(address: &str) -> String {
        match DeskAddress::parse(address) {
            Err(Error::Validation { field: "url", message }) => message,
            other => panic!("{address} was taken: {other:?}"),
        }
    }

    #[test]
    fn a_bad_address_is_refused_in_words_a_checker_can_act_on() {
        assert!(refused("http://alice@db.example/desk").contains("must begin with postgres://"));
        assert!(refused("postgres://db.example/desk").contains("names no role"));
        assert!(refused("postgres://alice@db.example").contains("names no database"));
        assert!(refused("postgres://alice@db.example/desk?sslcert=/me.crt").contains("both sslcert and sslkey"));
        assert!(refused("not an address at all").contains("postgres://ROLE@HOST:PORT/DATABASE"));
    }

    #[test]
    fn the_stored_address_keeps_the_tls_files_and_never_the_password() {
        let a = DeskAddress::parse("postgres://alice:s%40cret@db.example:6543/desk?sslmode=require&sslrootcert=/ca.pem").unwrap();
        assert_eq!(a.password.as_deref(), Some("s@cret"));
        assert_eq!(a.role(), "alice");
        assert!(!a.shown.contains("cret"), "{}", a.shown);
        assert!(a.shown.contains("sslmode=require") && a.shown.contains("sslrootcert=%2Fca.pem"), "{}", a.shown);
        // What is stored parses back to the same desk, without the password.
        let again = DeskAddress::parse(&a.shown).unwrap();
        assert_eq!((again.role(), again.password.clone()), ("alice".to_string(), None));
        assert_eq!(again.host_port_db(), ("db.example".to_string(), 6543, "desk".to_string()));
    }

    #[test]
    fn the_password_file_is_read_as_postgresql_reads_it() {
        let text = "# desk\n*:*:other:alice:wrong\ndb.example:6543:desk:alice:pa\\:ss\\\\word\n*:*:*:*:fallback\n";
        assert_eq!(pgpass_lookup(text, "db.example", 6543, "desk", "alice").as_deref(), Some("pa:ss\\word"));
        assert_eq!(pgpass_lookup(text, "db.example", 5432, "desk", "alice").as_deref(), Some("fallback"));
        assert_eq!(pgpass_lookup("db.example:6543:desk:bob:x\n", "db.example", 6543, "desk", "alice"), None);
    }
}
