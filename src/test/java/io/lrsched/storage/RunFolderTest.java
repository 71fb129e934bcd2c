package io.lrsched.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
  private static final Clock FIXED =
      Clock.fixed(LocalDateTime.of(2024, 1, 2, 3, 4, 5).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

  @TempDir Path tmp;

  private static List<String> filesOnDisk(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void shouldNameFolderAfterRunAndTimestamp() {
    RunFolder run = RunFolder.create(tmp.toUri().toString(), "step", new Configuration(), FIXED);

    assertEquals("step-20240102-030405", run.name());
    assertTrue(run.uri().startsWith("file:"), run.uri());
    assertTrue(Files.isDirectory(tmp.resolve("step-20240102-030405")));
  }

  @Test
  void shouldNeverReuseAnExistingRunFolder() {
    String out = tmp.toUri().toString();
    RunFolder first = RunFolder.create(out, "step", new Configuration(), FIXED);
    first.writeText("metrics.csv", "keep me");

    RunFolder second = RunFolder.create(out, "step", new Configuration(), FIXED);
    RunFolder third = RunFolder.create(out, "step", new Configuration(), FIXED);

    assertEquals("step-20240102-030405-2", second.name());
    assertEquals("step-20240102-030405-3", third.name());
    assertEquals("keep me", first.readText("metrics.csv"));
    assertEquals(List.of(), second.list());
  }

  @Test
  void shouldTreatPathWithoutSchemeAsLocal() {
    RunFolder run = RunFolder.create(tmp.resolve("runs").toString(), "none", new Configuration(), FIXED);

    assertEquals("file:" + tmp.resolve("runs/none-20240102-030405"), run.uri());
    assertTrue(Files.isDirectory(tmp.resolve("runs/none-20240102-030405")));
  }

  @Test
  void shouldReplaceFileAndLeaveNoTemporaryOrChecksumFiles() throws IOException {
    RunFolder run = RunFolder.create(tmp.toString(), "linear", new Configuration(), FIXED);

    run.writeText("config.conf", "first version, longer than the second");
    run.writeText("config.conf", "second");
    run.writeBytes("lr.png", new byte[] {1, 2, 3});

    assertEquals("second", run.readText("config.conf"));
    assertArrayEquals(new byte[] {1, 2, 3}, run.readBytes("lr.png"));
    assertEquals(
        List.of(RunFolder.MARKER, "config.conf", "lr.png"), filesOnDisk(tmp.resolve("linear-20240102-030405")));
  }

  @Test
  void shouldKeepOldFileWhenWriteFailsHalfway() throws IOException {
    RunFolder run = RunFolder.create(tmp.toString(), "poly", new Configuration(), FIXED);
    run.writeText("model.zip", "good checkpoint");

    StorageException e =
        assertThrows(
            StorageException.class,
            () ->
                run.write(
                    "model.zip",
                    out -> {
                      out.write("half a check".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }));

    assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    assertEquals("good checkpoint", run.readText("model.zip"));
    assertEquals(List.of(RunFolder.MARKER, "model.zip"), filesOnDisk(tmp.resolve("poly-20240102-030405")));
  }

  @Test
  void shouldListFilesInSubFoldersSortedWithoutHiddenOnes() {
    RunFolder run = RunFolder.create(tmp.toString(), "step", new Configuration(), FIXED);
    run.writeText("metrics.csv", "x");
    run.writeText("checkpoints/epoch-002.zip", "x");
    run.writeText("checkpoints/epoch-001.zip", "x");

    assertEquals(List.of("checkpoints/epoch-001.zip", "checkpoints/epoch-002.zip", "metrics.csv"), run.list());
    assertTrue(run.exists("checkpoints/epoch-001.zip"));
    assertTrue(run.deleteTree("checkpoints/epoch-001.zip"));
    assertFalse(run.exists("checkpoints/epoch-001.zip"));
  }

  @Test
  void shouldOpenAnExistingFolderAndRejectAMissingOne() {
    RunFolder created = RunFolder.create(tmp.toString(), "step", new Configuration(), FIXED);
    created.writeText("state.json", "{}");

    RunFolder opened = RunFolder.open(created.uri());

    assertEquals(created, opened);
    assertEquals("{}", opened.readText("state.json"));
    StorageException e =
        assertThrows(StorageException.class, () -> RunFolder.open(tmp.resolve("nope").toString()));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void shouldReportMissingFileInOneLine() {
    RunFolder run = RunFolder.create(tmp.toString(), "step", new Configuration(), FIXED);

    StorageException e = assertThrows(StorageException.class, () -> run.readText("metrics.csv"));

    assertTrue(e.getMessage().startsWith("No file 'metrics.csv' in run folder"), e.getMessage());
  }

  @Test
  void shouldFailInOneLineOnUnknownScheme() {
    StorageException e =
        assertThrows(StorageException.class, () -> RunFolder.create("nosuchfs://host/runs", "step"));

    assertTrue(e.getMessage().contains("'nosuchfs'"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void shouldFailInOneLineWhenOutputDirIsAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

    StorageException e = assertThrows(StorageException.class, () -> RunFolder.create(file.toString(), "step"));

    assertTrue(e.getMessage().startsWith("Cannot create a run folder in '" + file), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void shouldRejectBadRunAndFileNames() {
    RunFolder run = RunFolder.create(tmp.toString(), "step", new Configuration(), FIXED);

    assertThrows(IllegalArgumentException.class, () -> RunFolder.create(tmp.toString(), "my run"));
    assertThrows(IllegalArgumentException.class, () -> RunFolder.create(tmp.toString(), "../up"));
    assertThrows(IllegalArgumentException.class, () -> run.writeText("../escape.txt", "x"));
    assertThrows(IllegalArgumentException.class, () -> run.writeText(".hidden", "x"));
    assertThrows(IllegalArgumentException.class, () -> run.writeText("a//b", "x"));
    assertThrows(IllegalArgumentException.class, () -> run.writeText("", "x"));
  }

  @Test
  void shouldStillWorkAfterJavaSerialization() throws Exception {
    Configuration conf = new Configuration();
    conf.set("io.file.buffer.size", "8192");
    RunFolder run = RunFolder.create(tmp.toString(), "step", conf, FIXED);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(run);
    }

    RunFolder copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (RunFolder) in.readObject();
    }
    copy.writeText("after.txt", "ok");

    assertEquals(run, copy);
    assertEquals("ok", run.readText("after.txt"));
  }

  @Test
  void shouldRefuseWritesAndDeletesOnceTheFenceRefusesAndKeepTheOldFile() throws IOException {
    RunFolder plain = RunFolder.at(tmp.resolve("fenced").toString());
    plain.writeText("metrics.csv", "old\n");
    boolean[] held = {true};
    RunFolder fenced = plain.fencedBy(new WriteFence() {
      @Override
      public long generation() {
        return 1;
      }

      @Override
      public void check() {
        if (!held[0]) {
          throw new WriteFence.FencedOut("taken over");
        }
      }
    });
    fenced.writeText("metrics.csv", "mine\n");
    held[0] = false;
    WriteFence.FencedOut refused =
        assertThrows(WriteFence.FencedOut.class, () -> fenced.writeText("metrics.csv", "stale\n"));
    assertEquals("taken over", refused.getMessage());
    assertThrows(WriteFence.FencedOut.class, () -> fenced.deleteTree("metrics.csv"));
    assertEquals("mine\n", Files.readString(tmp.resolve("fenced/metrics.csv")));
    try (var files = Files.list(tmp.resolve("fenced"))) {
      assertEquals(List.of(".lrsched-run", "metrics.csv"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
    }
  }
}
