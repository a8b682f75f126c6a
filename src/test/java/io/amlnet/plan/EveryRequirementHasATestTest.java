package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every requirement R1-R20 of the document has at least one test whose name starts with it. */
class EveryRequirementHasATestTest {

  @Test
  void r1ToR20EachHaveANamedTest() throws IOException {
    StringBuilder sources = new StringBuilder();
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.append(Files.readString(file));
      }
    }
    List<String> missing = new ArrayList<>();
    IntStream.rangeClosed(1, 20).forEach(n -> {
      if (!java.util.regex.Pattern.compile("void r" + n + "_\\w+\\(").matcher(sources).find()) {
        missing.add("R" + n);
      }
    });
    assertThat(missing).as("requirements without a test named rN_...").isEmpty();
  }
}
