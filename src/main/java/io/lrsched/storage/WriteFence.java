package io.lrsched.storage;

/**
 * The right to write into a folder that another process may take over, such as a sweep trial's run folder. A
 * {@link RunFolder} opened with {@link RunFolder#fencedBy} calls {@link #check()} immediately before it publishes a
 * file (the rename of its temporary file) and before it deletes one, so that a writer that lost the right, for
 * example after a pause longer than its lease, writes nothing more.
 *
 * <p>A check and the write that follows are two steps; writers whose names carry their {@link #generation()} (the
 * checkpoint store's folders and manifests) are safe even from a writer paused between the two, because readers take
 * the newest generation's files.
 */
public interface WriteFence {

  /** No fence: the folder belongs to this process alone (a plain {@code train} run). */
  WriteFence NONE = new WriteFence() {
    @Override
    public long generation() {
      return 0;
    }

    @Override
    public void check() {
      // Nobody else writes here.
    }
  };

  /** The writer's generation: 0 without a fence, the lease generation for a sweep trial; later ones win. */
  long generation();

  /**
   * Proves that the writer may still write.
   *
   * @throws FencedOut if a later generation exists or the writer cannot prove that it still holds the right
   */
  void check();

  /** A write refused by a fence; the message is one line naming the folder's owner and why. */
  final class FencedOut extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: whose right was lost and why */
    public FencedOut(String message) {
      super(message);
    }
  }
}
