package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The launch scripts and the build must give every JVM the same Java 17 flags. */
class JavaOptionsTest {

  @Test
  void shouldKeepTheScriptsFlagsAndThePomsFlagsInStep() throws IOException {
    List<String> scripts =
        Files.readAllLines(Path.of("submit/java17-options")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    Matcher m =
        Pattern.compile("<java17.options>(.*?)</java17.options>", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("pom.xml")));
    m.find();
    List<String> pom = Arrays.asList(m.group(1).strip().split("\\s+"));
    assertEquals(pom, scripts);
  }
}
