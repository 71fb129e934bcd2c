/**
 * Run folders on any Hadoop file system (local disk, HDFS, S3A): the only package that touches Hadoop's {@code
 * FileSystem} directly.
 *
 * <p>{@link io.lrsched.storage.RunFolder} creates a uniquely named folder per run and writes every file atomically
 * (temporary name, then rename), so a crash never leaves a half-written file under its final name. I/O failures
 * surface as {@link io.lrsched.storage.StorageException} with a one-line message the CLI can print as is.
 */
package io.lrsched.storage;
