package io.amlnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The operator's API access in the integration tests is exactly the chart's: the chart is installed
 * into the test's namespace, watching only it, and the operator's client impersonates the chart's
 * ServiceAccount. A verb the chart lacks fails the test that needs it; every call is also recorded
 * as an RBAC permission, and at the end of the run the permissions that the chart grants and no
 * test used are written to target/operator-rbac-usage.txt.
 */
public final class ChartServiceAccount {
  static final String RELEASE = "amlnet";
  private static final Path REPORT = Path.of("target/operator-rbac-usage.txt");
  private static final Set<String> USED = new ConcurrentSkipListSet<>();
  private static final Set<String> GRANTED = new ConcurrentSkipListSet<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChartServiceAccount::report, "rbac-usage-report"));
  }

  private ChartServiceAccount() {}

  /** Installs the chart into {@code namespace}, watching only it, and returns a client acting as its ServiceAccount. */
  public static KubernetesClient install(String namespace) {
    Tools.helm("install", RELEASE, Tools.CHART.toString(), "--namespace", namespace,
        "--set", "watchNamespaces={" + namespace + "}", "--set", "replicaCount=0",
        // The operator's enforcement is tested on its own; TenancyAdmissionIT installs the policy.
        "--set", "admissionPolicy.enabled=false").ok();
    Rendered manifest = Rendered.parse(Tools.helm("get", "manifest", RELEASE, "--namespace", namespace).ok().out());
    manifest.ofKind("Role").forEach(role -> GRANTED.addAll(permissions(role)));
    manifest.ofKind("ClusterRole").forEach(role -> GRANTED.addAll(permissions(role)));
    try {
      Config admin = Config.fromKubeconfig(Files.readString(ControlPlane.kubeconfig()));
      Config serviceAccount = new ConfigBuilder(admin)
          .withImpersonateUsername("system:serviceaccount:" + namespace + ":" + RELEASE)
          .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + namespace,
              "system:authenticated")
          .build();
      return new KubernetesClientBuilder().withConfig(serviceAccount)
          .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("rbac-usage", new Recorder()))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "group/resource[/subresource] verb" for every verb of every rule of a Role. */
  static Set<String> permissions(JsonNode role) {
    Set<String> out = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            out.add(group.asText() + "/" + resource.asText() + " " + verb.asText());
          }
        }
      }
    }
    return out;
  }

  /** The RBAC permission a request needs: /api(s)/[group/]version/namespaces/NS/resource[/name[/sub]]. */
  static String permission(String method, java.net.URI uri) {
    String[] path = uri.getPath().replaceFirst("^/", "").split("/");
    int at = path[0].equals("api") ? 2 : 3;
    if (!path[0].matches("apis?") || path.length <= at) {
      return "nonResourceURL " + uri.getPath() + " " + method.toLowerCase(); // discovery
    }
    String group = path[0].equals("api") ? "" : path[1];
    if (path.length > at && path[at].equals("namespaces") && path.length > at + 2) {
      at += 2;
    }
    String resource = path[at];
    boolean named = path.length > at + 1;
    if (path.length > at + 2) {
      resource += "/" + path[at + 2];
    }
    String query = uri.getQuery() == null ? "" : uri.getQuery();
    String verb = switch (method) {
      case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> method.toLowerCase();
    };
    return group + "/" + resource + " " + verb;
  }

  private static void report() {
    Set<String> unused = new TreeSet<>(GRANTED);
    unused.removeAll(USED);
    if (GRANTED.isEmpty()) {
      return;
    }
    String text = "# Permissions the chart's Roles grant, against what the operator used in the integration tests\n"
        + "used:\n  " + String.join("\n  ", USED) + "\ngranted but never used:\n  " + String.join("\n  ", unused) + "\n";
    try {
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, text);
    } catch (IOException e) {
      System.err.println("cannot write " + REPORT + ": " + e);
    }
    System.err.print("[chart-rbac] " + text.replace("\n", "\n[chart-rbac] "));
  }

  /** Records the permission of every request the operator's client sends. */
  private static final class Recorder implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      USED.add(permission(request.method(), request.uri()));
    }
  }
}
