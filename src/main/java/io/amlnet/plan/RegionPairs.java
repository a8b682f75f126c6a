package io.amlnet.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Azure's region pairs (the "secondary region" of R16), from Microsoft's published table; the
 * copy in resources names its source in its header. Pairs are one-directional where Microsoft says so.
 */
public final class RegionPairs {
  private final Map<String, String> pairOf;

  private RegionPairs(Map<String, String> pairOf) {
    this.pairOf = Map.copyOf(pairOf);
  }

  /** The table shipped with amlnet. */
  public static RegionPairs published() {
    try (InputStream in = RegionPairs.class.getResourceAsStream("azure-region-pairs.csv")) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("the bundled region-pair table is unreadable", e);
    }
  }

  /** CSV with header {@code region_name_arm,paired_region_arm,...}; '#' lines are comments. */
  public static RegionPairs parse(String csv) {
    Map<String, String> pairs = new HashMap<>();
    try (BufferedReader lines = new BufferedReader(new java.io.StringReader(csv))) {
      String line;
      boolean header = true;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] cells = line.split(",");
        if (cells.length >= 2 && !cells[1].isBlank()) {
          pairs.put(cells[0].trim().toLowerCase(), cells[1].trim().toLowerCase());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RegionPairs(pairs);
  }

  public Optional<String> pairOf(String region) {
    return Optional.ofNullable(pairOf.get(region.toLowerCase()));
  }
}
