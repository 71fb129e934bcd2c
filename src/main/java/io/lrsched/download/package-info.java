/**
 * Fetching a published data set archive over HTTP(S) into a local folder: resumable, checked against its published
 * MD5, and atomic (the archive appears under its name only once it is whole and verified).
 *
 * <p>{@link io.lrsched.download.ArchiveDownload} does the work; failures a user can act on (an HTTP error, a lost
 * connection, a checksum mismatch) surface as {@link io.lrsched.download.DownloadFailure} with a one-line message.
 */
package io.lrsched.download;
