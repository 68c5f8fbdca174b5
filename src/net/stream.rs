//! [`MailStream`]: TCP or TLS-over-TCP with read/write timeouts.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, BufReader, ReadBuf};
use tokio::net::TcpStream;
use tokio_io_timeout::TimeoutStream;

/// The TCP layer; timeouts sit here, under TLS, so they also cover the
/// TLS handshake. Reads are buffered: rustls asks for at most 4 KiB at a
/// time, which made a big download cost one `recv` per 4 KiB.
pub(crate) type Tcp = Pin<Box<TimeoutStream<BufReader<TcpStream>>>>;

/// Bytes one `recv` may take from the socket.
const READ_BUFFER: usize = 64 * 1024;

enum Transport {
    Plain(Tcp),
    Tls(Box<tokio_rustls::client::TlsStream<Tcp>>),
}

/// A connection to a mail server, plain or TLS, with read and write
/// timeouts: a read or write that makes no progress for the I/O timeout
/// fails with [`io::ErrorKind::TimedOut`] (map it with
/// [`super::NetError::from_io`]) instead of hanging.
///
/// Two more guarantees for the protocol libraries on top:
/// - bytes set with `replay` (the POP3 greeting, see the module docs) are
///   read first;
/// - once the server has closed the connection, a *second* read fails with
///   [`io::ErrorKind::UnexpectedEof`]; async-pop 1.1 otherwise spins forever
///   on a connection closed in the middle of a response.
///
/// Timeout caveat (tokio-io-timeout): the countdown starts when a read
/// returns `Pending` and is only reset when a read completes. If you drop a
/// pending read (e.g. a `select!` around IMAP IDLE) and read again later,
/// call [`MailStream::set_read_timeout`] first, which resets the countdown;
/// use `None` while idling on purpose.
pub struct MailStream {
    transport: Transport,
    replay: Vec<u8>,
    replay_pos: usize,
    eof: bool,
    peer: Option<SocketAddr>,
    local: Option<SocketAddr>,
}

impl MailStream {
    pub(crate) fn plain(tcp: TcpStream, io_timeout: Duration) -> Self {
        let peer = tcp.peer_addr().ok();
        let local = tcp.local_addr().ok();
        let mut timed = TimeoutStream::new(BufReader::with_capacity(READ_BUFFER, tcp));
        timed.set_read_timeout(Some(io_timeout));
        timed.set_write_timeout(Some(io_timeout));
        MailStream {
            transport: Transport::Plain(Box::pin(timed)),
            replay: Vec::new(),
            replay_pos: 0,
            eof: false,
            peer,
            local,
        }
    }

    /// Hand the TCP layer to the TLS handshake (STARTTLS or implicit TLS).
    /// `None` when TLS is already on.
    pub(crate) fn into_tcp(self) -> Option<(Tcp, Option<SocketAddr>, Option<SocketAddr>)> {
        match self.transport {
            Transport::Plain(tcp) => Some((tcp, self.peer, self.local)),
            Transport::Tls(_) => None,
        }
    }

    pub(crate) fn tls(
        tls: tokio_rustls::client::TlsStream<Tcp>,
        peer: Option<SocketAddr>,
        local: Option<SocketAddr>,
    ) -> Self {
        MailStream {
            transport: Transport::Tls(Box::new(tls)),
            replay: Vec::new(),
            replay_pos: 0,
            eof: false,
            peer,
            local,
        }
    }

    /// Serve `bytes` to the next reads before anything from the network.
    pub(crate) fn replay(&mut self, bytes: Vec<u8>) {
        self.replay = bytes;
        self.replay_pos = 0;
    }

    /// Whether TLS is on.
    pub fn is_tls(&self) -> bool {
        matches!(self.transport, Transport::Tls(_))
    }

    /// The server's address.
    pub fn peer_addr(&self) -> Option<SocketAddr> {
        self.peer
    }

    /// Our end of the connection.
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.local
    }

    /// The negotiated TLS version and cipher suite, for logs.
    pub fn tls_description(&self) -> Option<String> {
        match &self.transport {
            Transport::Plain(_) => None,
            Transport::Tls(tls) => {
                let conn = tls.get_ref().1;
                Some(format!(
                    "{:?} {:?}",
                    conn.protocol_version()?,
                    conn.negotiated_cipher_suite()?.suite()
                ))
            }
        }
    }

    fn tcp_mut(&mut self) -> Pin<&mut TimeoutStream<BufReader<TcpStream>>> {
        match &mut self.transport {
            Transport::Plain(tcp) => tcp.as_mut(),
            Transport::Tls(tls) => tls.get_mut().0.as_mut(),
        }
    }

    /// Change the read timeout (`None`: wait forever, e.g. during IMAP IDLE
    /// with your own timer). Also resets a running countdown.
    pub fn set_read_timeout(&mut self, timeout: Option<Duration>) {
        self.tcp_mut().set_read_timeout_pinned(timeout);
    }

    /// Change the write timeout. Also resets a running countdown.
    pub fn set_write_timeout(&mut self, timeout: Option<Duration>) {
        self.tcp_mut().set_write_timeout_pinned(timeout);
    }
}

impl fmt::Debug for MailStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailStream")
            .field("tls", &self.is_tls())
            .field("peer", &self.peer)
            .field(
                "replay_left",
                &(self.replay.len().saturating_sub(self.replay_pos)),
            )
            .finish_non_exhaustive()
    }
}

impl AsyncRead for MailStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Some(rest) = this.replay.get(this.replay_pos..).filter(|r| !r.is_empty()) {
            let n = rest.len().min(buf.remaining());
            buf.put_slice(rest.get(..n).unwrap_or_default());
            this.replay_pos += n;
            if this.replay_pos >= this.replay.len() {
                this.replay = Vec::new();
                this.replay_pos = 0;
            }
            return Poll::Ready(Ok(()));
        }
        if this.eof && buf.remaining() > 0 {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the server closed the connection",
            )));
        }
        let before = buf.filled().len();
        let result = match &mut this.transport {
            Transport::Plain(tcp) => tcp.as_mut().poll_read(cx, buf),
            Transport::Tls(tls) => Pin::new(tls.as_mut()).poll_read(cx, buf),
        };
        if let Poll::Ready(Ok(())) = result
            && buf.filled().len() == before
            && buf.remaining() > 0
        {
            this.eof = true;
        }
        result
    }
}

impl AsyncWrite for MailStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match &mut self.get_mut().transport {
            Transport::Plain(tcp) => tcp.as_mut().poll_write(cx, buf),
            Transport::Tls(tls) => Pin::new(tls.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().transport {
            Transport::Plain(tcp) => tcp.as_mut().poll_flush(cx),
            Transport::Tls(tls) => Pin::new(tls.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().transport {
            Transport::Plain(tcp) => tcp.as_mut().poll_shutdown(cx),
            Transport::Tls(tls) => Pin::new(tls.as_mut()).poll_shutdown(cx),
        }
    }
}
