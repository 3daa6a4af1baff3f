//! Fetching one page over http(s), with limits a checker can rely on: a page that hangs, loops
//! or is enormous ends in a plain-words error instead of a frozen or exhausted app.

use std::io;
use std::time::Duration;

use ureq::{Agent, ResponseExt};
use url::Url;

use crate::error::{Error, Result};

/// What Factdesk tells servers it is: some sites refuse anonymous clients, and a server's
/// operator can see who fetched the page.
pub const USER_AGENT: &str = "Factdesk/0.1 (fact-check workbench)";

/// How long, how big and how many hops a fetch may take before Factdesk gives up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchLimits {
    /// For the whole fetch: connecting, every redirect and reading the body.
    pub timeout: Duration,
    /// The most bytes of body kept; a bigger page is refused while it is being read.
    pub max_bytes: u64,
    /// Redirects followed before the address is reported as looping.
    pub max_redirects: u32,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits { timeout: Duration::from_secs(20), max_bytes: 15 * 1024 * 1024, max_redirects: 5 }
    }
}

/// A page as the server sent it, after redirects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The address the caller asked for, as given.
    pub requested_url: String,
    /// Where the page was found after redirects.
    pub final_url: String,
    pub status: u16,
    /// The `Content-Type` header as sent (may be empty).
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Fetches `url` (http or https only), following redirects, within `limits`. Blocking: call it
/// off the UI thread. An HTTP error status is an [`Error::Network`] naming the status.
pub fn fetch(url: &str, limits: &FetchLimits) -> Result<Fetched> {
    let requested_url = url.trim().to_string();
    let address = parse_web_url(&requested_url)?;
    let failure = Failure { url: &requested_url, host: address.host_str().unwrap_or_default(), limits };

    let mut response = agent(limits).get(address.as_str()).call().map_err(|e| failure.describe(e))?;
    let final_url = response.get_uri().to_string();
    let status = response.status().as_u16();
    check_status(status, &final_url, &failure)?;

    if response.body().content_length().is_some_and(|n| n > limits.max_bytes) {
        return Err(failure.too_large());
    }
    let content_type = response
        .headers()
        .get(ureq::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .trim()
        .to_string();
    let bytes =
        response.body_mut().with_config().limit(limits.max_bytes).read_to_vec().map_err(|e| failure.describe(e))?;
    Ok(Fetched { requested_url, final_url, status, content_type, bytes })
}

/// Downloads `url` (http or https only) into `out` a block at a time, for a file too big to hold
/// in memory (the matching model's wheel, ~85 MB). `progress(done, total)` is called before the
/// first block and after each one (`total` when the server said it); when it answers false the
/// download stops with [`Error::Cancelled`]. A connection that breaks before the end is an
/// [`Error::Network`]. Blocking: call it off the UI thread. Answers the bytes written.
pub fn download(
    url: &str,
    limits: &FetchLimits,
    out: &mut dyn io::Write,
    progress: &mut dyn FnMut(u64, Option<u64>) -> bool,
) -> Result<u64> {
    let requested_url = url.trim().to_string();
    let address = parse_web_url(&requested_url)?;
    let failure = Failure { url: &requested_url, host: address.host_str().unwrap_or_default(), limits };
    let cancelled = || Error::Cancelled("The download was cancelled; nothing was kept.".into());

    let mut response = agent(limits).get(address.as_str()).call().map_err(|e| failure.describe(e))?;
    let final_url = response.get_uri().to_string();
    check_status(response.status().as_u16(), &final_url, &failure)?;
    let total = response.body().content_length();
    if total.is_some_and(|n| n > limits.max_bytes) {
        return Err(failure.too_large());
    }
    if !progress(0, total) {
        return Err(cancelled());
    }
    let mut reader = response.body_mut().with_config().limit(limits.max_bytes).reader();
    let mut block = vec![0u8; 256 * 1024];
    let mut done = 0u64;
    loop {
        let n = match io::Read::read(&mut reader, &mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                // ureq reports its own errors inside the io::Error its reader returns.
                let e = if e.get_ref().is_some_and(|inner| inner.is::<ureq::Error>()) {
                    match e.into_inner().map(|inner| inner.downcast::<ureq::Error>()) {
                        Some(Ok(u)) => *u,
                        _ => ureq::Error::Io(io::Error::from(io::ErrorKind::UnexpectedEof)),
                    }
                } else {
                    ureq::Error::Io(e)
                };
                return Err(failure.describe(e));
            }
        };
        out.write_all(&block[..n]).map_err(|e| Error::io(format!("could not keep what was downloaded from {requested_url}"), e))?;
        done += n as u64;
        if !progress(done, total) {
            return Err(cancelled());
        }
    }
    if total.is_some_and(|t| done < t) {
        return Err(failure.describe(ureq::Error::Io(io::Error::from(io::ErrorKind::UnexpectedEof))));
    }
    Ok(done)
}

/// Checks that `url` is an absolute http(s) address with a host.
pub fn parse_web_url(url: &str) -> Result<Url> {
    let url = url.trim();
    if url.is_empty() {
        return Err(Error::validation("url", "Enter the page's address, starting with https://."));
    }
    let parsed = match Url::parse(url) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return Err(Error::validation(
                "url",
                format!("{url} is not a full web address: add https:// in front of it."),
            ))
        }
        Err(e) => return Err(Error::validation("url", format!("{url} is not a web address Factdesk can open ({e})."))),
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::validation(
            "url",
            format!("Factdesk fetches only http and https addresses, not {}: {url}", parsed.scheme()),
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(Error::validation("url", format!("{url} has no host name.")));
    }
    Ok(parsed)
}

/// One agent per fetch, so each fetch carries its own limits and nothing leaks between them.
fn agent(limits: &FetchLimits) -> Agent {
    Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(limits.max_redirects)
        .max_redirects_will_error(true)
        // Statuses are read and explained here, with the address.
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .accept("text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.8")
        .build()
        .into()
}

/// Turns a status other than 2xx into an error a checker can act on.
fn check_status(status: u16, final_url: &str, failure: &Failure) -> Result<()> {
    let message = match status {
        200..=299 => return Ok(()),
        300..=399 => format!(
            "{} answered with a redirect (HTTP {status}) that Factdesk could not follow: {final_url}",
            failure.url
        ),
        404 | 410 => format!("The page was not found (HTTP {status}): {final_url}"),
        401 | 403 => format!(
            "The server refused access to the page (HTTP {status}): {final_url}. It may need a login, or block automated fetching; open it in a browser and paste the text instead."
        ),
        429 => format!(
            "The server at {} is receiving too many requests (HTTP 429). Try again in a few minutes.",
            failure.host
        ),
        400..=499 => format!("The server refused the request (HTTP {status}): {final_url}"),
        500..=599 => format!(
            "The server at {} answered with an error (HTTP {status}). Try again later.",
            failure.host
        ),
        _ => format!("The server at {} answered with an unexpected status (HTTP {status}): {final_url}", failure.host),
    };
    Err(Error::Network(message))
}

/// The context needed to explain a failed fetch.
struct Failure<'a> {
    url: &'a str,
    host: &'a str,
    limits: &'a FetchLimits,
}

impl Failure<'_> {
    fn describe(&self, e: ureq::Error) -> Error {
        let (url, host) = (self.url, self.host);
        let message = match e {
            ureq::Error::Timeout(_) => return self.timed_out(),
            ureq::Error::Io(io) if is_timeout(&io) => return self.timed_out(),
            ureq::Error::BodyExceedsLimit(_) => return self.too_large(),
            ureq::Error::TooManyRedirects => {
                format!("{url} redirects in a loop (more than {} redirects).", self.limits.max_redirects)
            }
            ureq::Error::HostNotFound => format!(
                "Could not connect to {host}: the name was not found. Check the address, and that this computer is online."
            ),
            ureq::Error::Io(io) => match io.kind() {
                io::ErrorKind::ConnectionRefused => format!("Could not connect to {host}: the connection was refused."),
                io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted | io::ErrorKind::UnexpectedEof => {
                    format!("The connection to {host} broke while fetching {url}. Try again.")
                }
                _ => format!("Could not connect to {host}: {io}."),
            },
            ureq::Error::ConnectionFailed => format!("Could not connect to {host}."),
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => format!(
                "Could not connect to {host}: the secure (https) connection failed ({e}). The site's certificate may be invalid."
            ),
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
                format!("{url} leads to an address Factdesk cannot open ({e}).")
            }
            other => format!("Fetching {url} failed: {other}."),
        };
        Error::Network(message)
    }

    fn timed_out(&self) -> Error {
        Error::Network(format!("{} did not answer within {}.", self.url, describe_duration(self.limits.timeout)))
    }

    fn too_large(&self) -> Error {
        Error::Network(format!(
            "The page is larger than {}, the most Factdesk keeps: {}",
            describe_size(self.limits.max_bytes),
            self.url
        ))
    }
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock)
}

/// "20 seconds", "1 second", "500 milliseconds": for messages.
fn describe_duration(d: Duration) -> String {
    let secs = d.as_secs();
    match (secs, d.subsec_millis()) {
        (1, 0) => "1 second".to_string(),
        (0, ms) => format!("{ms} milliseconds"),
        (s, 0) => format!("{s} seconds"),
        _ => format!("{:.1} seconds", d.as_secs_f64()),
    }
}

/// "15 MB", "16 KB", "1.5 MB", "900 bytes": for messages.
fn describe_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    let scaled = |unit: u64, name: &str| {
        let amount = format!("{:.1}", bytes as f64 / unit as f64);
        format!("{} {name}", amount.trim_end_matches(".0"))
    };
    if bytes >= MB {
        scaled(MB, "MB")
    } else if bytes >= KB {
        scaled(KB, "KB")
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_sizes_read_as_words() {
        assert_eq!(describe_duration(Duration::from_secs(20)), "20 seconds");
        assert_eq!(describe_duration(Duration::from_secs(1)), "1 second");
        assert_eq!(describe_duration(Duration::from_millis(250)), "250 milliseconds");
        assert_eq!(describe_duration(Duration::from_millis(1500)), "1.5 seconds");
        assert_eq!(describe_size(15 * 1024 * 1024), "15 MB");
        assert_eq!(describe_size(16 * 1024), "16 KB");
        assert_eq!(describe_size(1536 * 1024), "1.5 MB");
        assert_eq!(describe_size(900), "900 bytes");
    }

    #[test]
    fn only_absolute_http_addresses_are_fetched() {
        let field = |u: &str| parse_web_url(u).err().and_then(|e| e.field());
        assert_eq!(field("ftp://x.test/a"), Some("url"));
        assert_eq!(field("x.test/a"), Some("url"));
        assert_eq!(field(""), Some("url"));
        assert_eq!(field("file:///etc/passwd"), Some("url"));
        assert!(parse_web_url(" https://x.test/a ").is_ok());
        let msg = parse_web_url("x.test/a").unwrap_err().to_string();
        assert!(msg.contains("add https://"), "{msg}");
    }
}
