/**
 * Checkpoints of a run on any Hadoop file system: after every {@code output.checkpoint-every} epochs the driver
 * stores everything the next epoch needs to continue as the uninterrupted run would ({@link
 * io.lrsched.checkpoint.Checkpoint}), and {@link io.lrsched.checkpoint.CheckpointStore} finds the newest intact one
 * again, checking each file against the manifest written last.
 */
package io.lrsched.checkpoint;
