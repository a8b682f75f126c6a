package io.amlnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator image that `mvn -Pimage package` writes, judged from its own OCI config and layers:
 * who it runs as, what it starts, and that the sandbox stays out. CI does not build the image, so
 * without target/amlnet-image.tar these tests are skipped.
 */
class OperatorImageTest {
  private static final Path IMAGE = Path.of("target/amlnet-image.tar");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode config;
  /** Every file in every layer, by path without a leading slash. */
  private static final Map<String, byte[]> SMALL_FILES = new HashMap<>();
  private static final List<String> PATHS = new ArrayList<>();

  @BeforeAll
  static void readImage() throws IOException {
    Assumptions.assumeTrue(Files.exists(IMAGE),
        IMAGE + " is absent: build it with `mvn -Pimage package` to run these tests (CI does not)");
    Map<String, byte[]> blobs = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(IMAGE))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        if (entry.isFile()) {
          blobs.put(entry.getName().replaceFirst("^\\./", ""), tar.readAllBytes());
        }
      }
    }
    JsonNode index = JSON.readTree(blobs.get("index.json"));
    JsonNode manifest = JSON.readTree(blob(blobs, index.path("manifests").get(0).path("digest").asText()));
    config = JSON.readTree(blob(blobs, manifest.path("config").path("digest").asText()));
    for (JsonNode layer : manifest.path("layers")) {
      byte[] bytes = blob(blobs, layer.path("digest").asText());
      InputStream in = new java.io.ByteArrayInputStream(bytes);
      try (TarArchiveInputStream files = new TarArchiveInputStream(
          layer.path("mediaType").asText().endsWith("gzip") ? new GZIPInputStream(in) : in)) {
        for (TarArchiveEntry entry; (entry = files.getNextEntry()) != null; ) {
          String path = entry.getName().replaceFirst("^\\.?/", "");
          PATHS.add(path);
          if (entry.isFile() && entry.getSize() < 64 * 1024) {
            SMALL_FILES.put(path, files.readAllBytes());
          }
        }
      }
    }
  }

  private static byte[] blob(Map<String, byte[]> blobs, String digest) {
    return blobs.get("blobs/" + digest.replace(':', '/'));
  }

  private static String file(String path) {
    assertThat(SMALL_FILES).containsKey(path);
    return new String(SMALL_FILES.get(path), StandardCharsets.UTF_8);
  }

  @Test
  void theImageRunsAsTheNonRootUser65532() {
    assertThat(config.path("config").path("User").asText()).isEqualTo("65532:65532");
    assertThat(file("etc/passwd")).contains("nonroot:x:65532:65532:");
  }

  @Test
  void theEntrypointRunsTheOperatorOnTheImagesOwnJava() {
    List<String> entrypoint = new ArrayList<>();
    config.path("config").path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
    assertThat(entrypoint).startsWith("java")
        .endsWith("-cp", "/app/resources:/app/classes:/app/libs/*", "io.amlnet.cli.AmlnetCommand");
    assertThat(config.path("config").path("Cmd").toString()).isEqualTo("[\"run\"]");
    assertThat(config.path("config").path("Env").toString()).contains("PATH=/opt/java/bin:");
    assertThat(PATHS).contains("opt/java/bin/java", "opt/java/lib/server/libjvm.so", "lib64/ld-linux-x86-64.so.2");
  }

  @Test
  void theOperatorIsInsideAndTheEmulatorTheLocalControlPlaneAndTestLibrariesAreNot() {
    assertThat(PATHS).contains("app/classes/io/amlnet/controller/AmlnetOperator.class",
        "app/classes/io/amlnet/cli/RunCommand.class");
    assertThat(PATHS).filteredOn(p -> p.startsWith("app/classes/io/amlnet/sandbox/")
        || p.startsWith("app/classes/io/amlnet/demo/") || p.startsWith("app/classes/io/amlnet/cli/Sandbox")).isEmpty();
    List<String> excluded = List.of("kube-api-test", "bcprov", "bcpkix", "bcutil", "junit", "commons-compress");
    assertThat(PATHS).filteredOn(p -> p.startsWith("app/libs/") && excluded.stream().anyMatch(p::contains)).isEmpty();
    assertThat(PATHS).anyMatch(p -> p.startsWith("app/libs/operator-framework-core-"))
        .as("no classpath file that could name what is not there").noneMatch(p -> p.startsWith("app/jib-"));
  }
}
