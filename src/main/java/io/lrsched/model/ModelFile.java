package io.lrsched.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A trained network as a file: DL4J's {@link ModelSerializer} zip (configuration with DL4J's epoch and iteration
 * counters, parameters, updater state) with one more entry, {@value #METADATA}, holding its {@link ModelMetadata}.
 * DL4J reads such a zip as its own ({@code ModelSerializer.restoreComputationGraph}) and ignores the extra entry.
 */
public final class ModelFile {

  /** The zip entry with the model's metadata. */
  public static final String METADATA = "lrsched-model.properties";

  private ModelFile() {}

  /**
   * A loaded model.
   *
   * @param network the network with its updater state
   * @param metadata what its outputs mean and how its inputs are prepared
   */
  public record Loaded(ComputationGraph network, ModelMetadata metadata) {}

  /**
   * The zip of a network with its updater state and metadata.
   *
   * @param network the network (on the driver)
   * @param metadata its classes and input preprocessing
   * @return the zip's bytes
   */
  public static byte[] toZip(ComputationGraph network, ModelMetadata metadata) {
    try {
      ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
      ModelSerializer.writeModel(network, dl4j, true);
      ByteArrayOutputStream out = new ByteArrayOutputStream(dl4j.size() + 4096);
      try (ZipOutputStream zip = new ZipOutputStream(out);
          ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()))) {
        // Weights barely compress (about 10 %); the fastest level keeps the copy cheap against a checkpoint's time.
        zip.setLevel(Deflater.BEST_SPEED);
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
          zip.putNextEntry(new ZipEntry(entry.getName()));
          in.transferTo(zip);
          zip.closeEntry();
        }
        zip.putNextEntry(new ZipEntry(METADATA));
        zip.write(metadata.toProperties().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      return out.toByteArray();
    } catch (IOException e) {
      // Only memory streams are involved.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a model zip written by {@link #toZip}.
   *
   * @param zip the file's bytes
   * @param name the file's name, for messages
   * @return the network with its updater state, and its metadata
   * @throws IllegalArgumentException naming the file if it is not such a zip
   */
  public static Loaded fromZip(byte[] zip, String name) {
    String metadata = null;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals(METADATA)) {
          metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(name + " is not a readable zip: " + e.getMessage(), e);
    }
    if (metadata == null) {
      throw new IllegalArgumentException(name + " has no " + METADATA + ": not a model written by lrsched");
    }
    ModelMetadata parsed;
    try {
      parsed = ModelMetadata.fromProperties(metadata);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
    try {
      ComputationGraph network = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip), true);
      return new Loaded(network, parsed);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(name + " is not a DL4J ComputationGraph model: " + e.getMessage(), e);
    }
  }
}
