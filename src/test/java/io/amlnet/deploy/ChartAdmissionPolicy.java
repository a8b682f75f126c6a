package io.amlnet.deploy;

import java.util.ArrayList;
import java.util.List;

/** The chart's ValidatingAdmissionPolicy, rendered, and kubectl as a user runs it, for tests outside this package. */
public final class ChartAdmissionPolicy {
  /** What kubectl answered. */
  public record Kubectl(int exit, String out, String err) {}

  private ChartAdmissionPolicy() {}

  /** The policy and its binding as a release in {@code releaseNamespace} watching {@code watched} renders them. */
  public static String render(String releaseNamespace, List<String> watched) {
    return Tools.helmOffline("template", "amlnet", Tools.CHART.toString(), "--namespace", releaseNamespace,
        "--show-only", "templates/admission-policy.yaml",
        "--set", "watchNamespaces={" + String.join(",", watched) + "}").ok().out();
  }

  /** {@code kubectl <args> -f -} with {@code yaml} on stdin, as the cluster's administrator. */
  public static Kubectl kubectl(String yaml, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-f", "-"));
    Tools.Result result = Tools.kubectl(yaml, all.toArray(String[]::new));
    return new Kubectl(result.exit(), result.out(), result.err());
  }
}
