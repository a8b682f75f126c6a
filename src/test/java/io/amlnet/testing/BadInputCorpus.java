package io.amlnet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hostile and malformed manifests of src/test/resources/bad-input/, each with its expected verdict
 * on its first line: {@code # expect: rejected}, {@code stalled REASON}, {@code waiting REASON} or
 * {@code ready}, optionally {@code after update} (the last document changes an object of an earlier
 * one). {@code ${repeat:TEXT:N}} stands for TEXT N times, so a 1 MiB value needs no 1 MiB file.
 * Files starting with '_' are fixtures, not cases.
 */
public final class BadInputCorpus {
  public static final Path DIRECTORY = Path.of("src/test/resources/bad-input");
  public static final Path ENVIRONMENT_FIXTURE = DIRECTORY.resolve("_corpus-environment.yaml");
  private static final Pattern HEADER =
      Pattern.compile("# expect: (rejected|stalled|waiting|ready)( after update)?(?: (\\S+))?");
  private static final Pattern REPEAT = Pattern.compile("\\$\\{repeat:([^:}]*):(\\d+)}");

  public enum Verdict { REJECTED, STALLED, WAITING, READY }

  /** One case: its documents in order (expanded), the verdict for the object of the last one. */
  public record Case(String name, Verdict verdict, String reason, boolean update, List<String> documents) {
    public String last() {
      return documents.get(documents.size() - 1);
    }

    /** The documents without the versions an update replaces: what `amlnet plan` is given. */
    public List<String> finalVersions() {
      return update ? documents.subList(documents.size() - (verdict == Verdict.STALLED ? 2 : 1), documents.size())
          : documents;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private BadInputCorpus() {}

  public static List<Case> cases() {
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      List<Case> cases = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
          .filter(f -> !f.getFileName().toString().startsWith("_")).sorted().toList()) {
        cases.add(read(file));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String fixture() {
    try {
      return Files.readString(ENVIRONMENT_FIXTURE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Case read(Path file) throws IOException {
    String text = Files.readString(file);
    String header = text.lines().findFirst().orElse("");
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw new IllegalStateException(file + ": first line must be '# expect: VERDICT [after update] [REASON]'");
    }
    List<String> documents = new ArrayList<>();
    for (String document : expand(text).split("(?m)^---$")) {
      if (!document.isBlank()) {
        documents.add(document.strip() + "\n");
      }
    }
    String name = file.getFileName().toString().replace(".yaml", "");
    return new Case(name, Verdict.valueOf(m.group(1).toUpperCase()), m.group(3), m.group(2) != null, documents);
  }

  static String expand(String text) {
    Matcher m = REPEAT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
    }
    return m.appendTail(out).toString();
  }
}
