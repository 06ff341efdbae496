//! Opening an IMAP session: TCP, then TLS (rustls, the public roots and an optional private
//! authority) from the first byte, or after the server's greeting by STARTTLS, or not at all
//! when the mailbox says so; then the login.

use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore};

use crate::settings::{ImapSettings, ImapTls};

/// A connection to the server, plain or TLS.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send + Debug {}

impl<T: AsyncRead + AsyncWrite + Unpin + Send + Debug> Io for T {}

/// A logged-in IMAP session.
pub type Session = async_imap::Session<Box<dyn Io>>;

/// The longest any one step with the server (connecting, a command, a batch of mail) may take
/// before the connection is given up and opened again.
pub const STEP: Duration = Duration::from_secs(120);

/// Connects to the mailbox's server and logs in.
pub async fn open(mailbox: &ImapSettings) -> Result<Session> {
    let password = mailbox.password()?;
    let client = within(greeted(mailbox)).await?;
    let login = client.login(&mailbox.user, &password.0);
    match tokio::time::timeout(STEP, login).await {
        Ok(Ok(session)) => Ok(session),
        Ok(Err((e, _))) => Err(anyhow!("logging in as {}: {e}", mailbox.user)),
        Err(_) => Err(anyhow!("logging in as {}: no answer", mailbox.user)),
    }
}

/// A client the server greeted, over the connection the mailbox asks for, ready to log in.
async fn greeted(mailbox: &ImapSettings) -> Result<async_imap::Client<Box<dyn Io>>> {
    let tcp = TcpStream::connect((mailbox.host.as_str(), mailbox.port()))
        .await
        .with_context(|| format!("connecting to {}:{}", mailbox.host, mailbox.port()))?;
    let stream: Box<dyn Io> = match mailbox.tls {
        ImapTls::Tls => Box::new(tls(mailbox, tcp).await?),
        ImapTls::Starttls | ImapTls::None => Box::new(tcp),
    };
    let mut client = async_imap::Client::new(stream);
    client
        .read_response()
        .await?
        .ok_or_else(|| anyhow!("{} closed the connection before greeting", mailbox.host))?;
    if mailbox.tls != ImapTls::Starttls {
        return Ok(client);
    }
    // Upgrade before anything else is said; a server that will not is left, never logged
    // into in clear. After the upgrade the server greets no more.
    client
        .run_command_and_check_ok("STARTTLS", None)
        .await
        .with_context(|| format!("{} refused STARTTLS", mailbox.host))?;
    let upgraded = tls(mailbox, client.into_inner()).await?;
    Ok(async_imap::Client::new(Box::new(upgraded)))
}

/// `step`, given up after [`STEP`].
pub async fn within<T>(step: impl Future<Output = Result<T>>) -> Result<T> {
    tokio::time::timeout(STEP, step)
        .await
        .map_err(|_| anyhow!("the IMAP server did not answer within {STEP:?}"))?
}

/// TLS over `stream` with the mailbox's server, checked against its host name.
async fn tls<S: AsyncRead + AsyncWrite + Unpin>(
    mailbox: &ImapSettings,
    stream: S,
) -> Result<tokio_rustls::client::TlsStream<S>> {
    let name = ServerName::try_from(mailbox.host.clone())
        .with_context(|| format!("{:?} is not a host name for TLS", mailbox.host))?;
    TlsConnector::from(Arc::new(tls_config(mailbox)?))
        .connect(name, stream)
        .await
        .with_context(|| format!("TLS with {}", mailbox.host))
}

/// Trusts the public roots and, when the mailbox names one, a private authority. The crypto
/// provider is named rather than left to the process default, which another crate's features
/// could make ambiguous.
#[allow(
    deprecated,
    reason = "ring offers no post-quantum key exchange; the classic ones are what IMAP servers \
              speak today, and aws-lc-rs would need a C toolchain with CMake to build"
)]
fn tls_config(mailbox: &ImapSettings) -> Result<ClientConfig> {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = &mailbox.ca_file {
        let context = || format!("reading mail.imap ca_file {}", path.display());
        for cert in CertificateDer::pem_file_iter(path).with_context(context)? {
            roots
                .add(cert.with_context(context)?)
                .with_context(context)?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth())
}
