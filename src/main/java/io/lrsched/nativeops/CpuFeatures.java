package io.lrsched.nativeops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The instruction-set extensions of the running CPU that decide which native build fits, read from
 * {@code /proc/cpuinfo} (Linux; elsewhere nothing is detected and the safe plain build is chosen).
 *
 * @param avx2 the CPU has AVX2 and FMA
 * @param avx512 the CPU has AVX-512 F/BW/VL/DQ (what oneDNN's avx512_core kernels need)
 * @param modelName the CPU's marketing name, or "unknown"
 */
public record CpuFeatures(boolean avx2, boolean avx512, String modelName) {

  /** @return the features of this machine's CPU */
  public static CpuFeatures detect() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!System.getProperty("os.arch", "").matches("amd64|x86_64") || !Files.isReadable(cpuinfo)) {
      return new CpuFeatures(false, false, "unknown");
    }
    try {
      return parse(Files.readString(cpuinfo));
    } catch (IOException e) {
      return new CpuFeatures(false, false, "unknown");
    }
  }

  /**
   * @param cpuinfo the text of {@code /proc/cpuinfo}
   * @return the features of its first processor
   */
  static CpuFeatures parse(String cpuinfo) {
    Set<String> flags = Set.of();
    String model = "unknown";
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (key.equals("flags") && flags.isEmpty()) {
        flags = Arrays.stream(value.split("\\s+")).collect(Collectors.toUnmodifiableSet());
      } else if (key.equals("model name") && model.equals("unknown")) {
        model = value;
      }
    }
    boolean avx2 = flags.contains("avx2") && flags.contains("fma");
    boolean avx512 = flags.containsAll(Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq"));
    return new CpuFeatures(avx2, avx512, model);
  }

  /** @return a short label such as {@code avx512} */
  public String isaLabel() {
    return avx512 ? "avx512" : avx2 ? "avx2" : "baseline";
  }
}
