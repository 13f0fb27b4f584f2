//! Reading a Developer API answer within a size cap: into one buffer (errors and small
//! answers), or decoded as it arrives (the database list), so a large body is never held
//! next to what it decodes into.

use std::io::{self, Read};

/// The largest answer read from the Developer API: a list of 10,000 databases is about
/// 15 MB. A larger one is refused as it arrives, so a provider cannot make updash hold an
/// endless answer.
pub const MAX_RESPONSE_BYTES: usize = 64 << 20;

/// Decodes a body from a reader.
pub type Decoder<T> = fn(&mut dyn Read) -> Result<T, serde_json::Error>;

/// Why a body was not read.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// Over [`MAX_RESPONSE_BYTES`].
    TooLarge,
    /// The connection failed or timed out while the body arrived.
    Transport(reqwest::Error),
    /// The body is not what the decoder takes.
    Decode(serde_json::Error),
}

/// The whole body in one buffer, sized from `Content-Length` when it is given (collecting
/// the pieces and then joining them held a body two or three times over).
pub(crate) async fn read(mut response: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    let declared = response.content_length().unwrap_or(0);
    let mut body = Vec::with_capacity(declared.min(MAX_RESPONSE_BYTES as u64) as usize);
    let mut total = 0;
    while let Some(piece) = next_piece(&mut response, &mut total).await? {
        body.extend_from_slice(piece.as_ref());
    }
    Ok(body)
}

/// The next piece of a body as it arrives, `None` at its end; `total` counts what arrived so
/// far against [`MAX_RESPONSE_BYTES`].
pub(crate) async fn next_piece(
    response: &mut reqwest::Response,
    total: &mut usize,
) -> Result<Option<impl AsRef<[u8]> + use<>>, BodyError> {
    if *total == 0 && response.content_length().unwrap_or(0) > MAX_RESPONSE_BYTES as u64 {
        return Err(BodyError::TooLarge);
    }
    let piece = response.chunk().await.map_err(BodyError::Transport)?;
    if let Some(piece) = &piece {
        *total += piece.len();
        if *total > MAX_RESPONSE_BYTES {
            return Err(BodyError::TooLarge);
        }
    }
    Ok(piece)
}

/// Decodes the body while it arrives: the pieces go to `decoder` on a blocking thread
/// through a short queue, so only a few of them are in memory at once.
pub(crate) async fn decode_as_it_arrives<T: Send + 'static>(
    mut response: reqwest::Response,
    decoder: Decoder<T>,
) -> Result<T, BodyError> {
    let mut total = 0;
    // Checked before the decoder starts: an answer declared too large is refused unread.
    let first = next_piece(&mut response, &mut total).await?;
    let (pieces, queue) = tokio::sync::mpsc::channel(16);
    let decoding = tokio::task::spawn_blocking(move || {
        let mut reader = io::BufReader::with_capacity(
            64 * 1024,
            Pieces {
                queue,
                current: None,
                at: 0,
            },
        );
        decoder(&mut reader)
    });
    let mut failure = None;
    let mut next = Ok(first);
    loop {
        match next {
            Ok(Some(piece)) => {
                // The decoder stopped (the body is not what it takes): its error says why.
                if pieces.send(piece).await.is_err() {
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
        next = next_piece(&mut response, &mut total).await;
    }
    // The end of the queue is the end of the body for the decoder.
    drop(pieces);
    let decoded = decoding.await;
    if let Some(failure) = failure {
        return Err(failure);
    }
    match decoded {
        Ok(result) => result.map_err(BodyError::Decode),
        Err(_) => Err(BodyError::Decode(serde_json::Error::io(io::Error::other(
            "the decoder stopped",
        )))),
    }
}

/// The body's pieces as one stream of bytes, waiting for the next piece when it needs one.
struct Pieces<B> {
    queue: tokio::sync::mpsc::Receiver<B>,
    current: Option<B>,
    at: usize,
}

impl<B: AsRef<[u8]>> Read for Pieces<B> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if let Some(piece) = &self.current {
                let rest = &piece.as_ref()[self.at..];
                if !rest.is_empty() {
                    let n = rest.len().min(buf.len());
                    buf[..n].copy_from_slice(&rest[..n]);
                    self.at += n;
                    return Ok(n);
                }
            }
            // Runs on a blocking thread (spawn_blocking), where waiting is allowed.
            match self.queue.blocking_recv() {
                Some(piece) => {
                    self.current = Some(piece);
                    self.at = 0;
                }
                None => return Ok(0),
            }
        }
    }
}
