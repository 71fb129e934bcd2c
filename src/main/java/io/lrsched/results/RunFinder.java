package io.lrsched.results;

import io.lrsched.storage.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds run folders under any Hadoop FileSystem path: the path itself when it is a run folder, or every run folder
 * below it (an output folder, a sweep folder with its trials, a folder of sweeps).
 */
public final class RunFinder {

  private RunFinder() {}

  /**
   * The folders at or below {@code uri} that hold a file of this name, sorted, leaving out those inside another
   * such folder.
   *
   * @param uri a run folder, or a folder holding runs at any depth
   * @param marker a file every wanted folder has, e.g. {@code run.json} or {@code metrics.csv}
   * @throws io.lrsched.storage.StorageException if the path does not exist or cannot be listed
   */
  public static List<RunFolder> find(String uri, String marker) {
    RunFolder top = RunFolder.open(uri);
    TreeSet<String> dirs = new TreeSet<>();
    for (String name : top.list()) {
      if (name.equals(marker)) {
        dirs.add("");
      } else if (name.endsWith("/" + marker)) {
        dirs.add(name.substring(0, name.length() - marker.length() - 1));
      }
    }
    List<RunFolder> folders = new ArrayList<>();
    List<String> runs = new ArrayList<>();
    for (String dir : dirs) {
      // A folder inside a run (its checkpoints/epoch-N/ keep a metrics.csv too) is part of that run, not a run.
      if (runs.stream().anyMatch(run -> run.isEmpty() || dir.startsWith(run + "/"))) {
        continue;
      }
      runs.add(dir);
      folders.add(dir.isEmpty() ? top : RunFolder.open(top.fileUri(dir)));
    }
    return folders;
  }
}
