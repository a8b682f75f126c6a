package io.amlnet.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.Utils;
import io.fabric8.kubeapitest.binary.OSInfo;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Kubernetes control plane (kube-apiserver + etcd, started by fabric8's kube-api-test from
 * the binaries that {@code hack/control-plane/install.sh} builds) for integration tests.
 *
 * <p>One API server per test JVM: the first test class that uses the extension starts it, every
 * later class shares it, and it is stopped when the test run (or the JVM) ends. Test classes
 * declare {@code @ExtendWith(ControlPlane.class)} and take a {@link KubernetesClient} as a
 * parameter of a constructor, a lifecycle method or a test; {@link #client()} gives the same
 * client to code that is not a test method. Since the server is shared, tests keep their objects
 * apart by name or by a namespace of their own ({@link #createNamespace(String)}).
 *
 * <p>There is no fallback to a mock server: without the binaries every test fails with a message
 * that says how to get them.
 */
public final class ControlPlane implements BeforeAllCallback, ParameterResolver {

  /** The Kubernetes version that install.sh builds; kube-api-test looks only for this one. */
  public static final String KUBERNETES_VERSION = "1.34.1";

  /** Generous for a 2-core machine: a cold kube-apiserver there needs tens of seconds. */
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

  private static final String INSTALL_SCRIPT = "hack/control-plane/install.sh";
  private static final List<String> BINARIES = List.of("kube-apiserver", "etcd", "kubectl");
  /** slf4j-simple's switch for kube-api-test, which logs the processes' output at debug level. */
  private static final String DEBUG_LOG = "org.slf4j.simpleLogger.log.io.fabric8.kubeapitest";

  private static Running running;
  private static RuntimeException startFailure;

  @Override
  public void beforeAll(ExtensionContext context) {
    // The root store is closed once, when the whole run in this JVM is over.
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    beforeAll(context);
    return client();
  }

  /** The client of the running control plane (administrator rights); tests must not close it. */
  public static synchronized KubernetesClient client() {
    if (running == null) {
      throw new IllegalStateException(
          "the control plane is not started: annotate the test class with @ExtendWith(ControlPlane.class)");
    }
    return running.client;
  }

  /**
   * A kubeconfig file for the running API server, for tools that judge status as users do
   * ({@code kubectl wait}); written once per run.
   */
  public static synchronized Path kubeconfig() {
    client();
    try {
      if (running.kubeconfig == null) {
        running.kubeconfig = Files.createTempFile("amlnet-it-", ".kubeconfig");
        Files.writeString(running.kubeconfig, running.server.getKubeConfigYaml());
        running.kubeconfig.toFile().deleteOnExit();
      }
      return running.kubeconfig;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The kubectl that install.sh built beside the API server. */
  public static Path kubectl() {
    return binaryDir().resolve("kubectl");
  }

  /** Creates a namespace with a unique name that starts with {@code prefix}, and returns that name. */
  public static String createNamespace(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    client().namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  /** The directory of kube-apiserver, etcd and kubectl: {@code <root>/k8s/1.34.1-linux-amd64}. */
  static Path binaryDir() {
    return binaryRoot().resolve("k8s").resolve(KUBERNETES_VERSION + Utils.platformSuffix(new OSInfo()));
  }

  /** kube-api-test's directory: {@code $KUBE_API_TEST_DIR}, else its default ~/.kubeapitest. */
  static Path binaryRoot() {
    String fromEnv = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
    return fromEnv != null && !fromEnv.isBlank()
        ? Path.of(fromEnv)
        : Path.of(System.getProperty("user.home"), KubeAPIServerConfigBuilder.DIRECTORY_NAME);
  }

  private static synchronized Running start() {
    if (startFailure != null) {
      throw startFailure; // fail fast in every later class instead of waiting for the timeout again
    }
    try {
      running = Running.start(binaryRoot(), binaryDir());
      return running;
    } catch (RuntimeException e) {
      startFailure = e;
      throw e;
    }
  }

  /** A started API server and its client; closing it stops both. */
  private static final class Running implements AutoCloseable {
    private final KubeAPIServer server;
    private final KubernetesClient client;
    private Path kubeconfig;
    private boolean closed;

    private Running(KubeAPIServer server, KubernetesClient client) {
      this.server = server;
      this.client = client;
    }

    static Running start(Path root, Path binaries) {
      for (String binary : BINARIES) {
        if (!Files.isExecutable(binaries.resolve(binary))) {
          throw new IllegalStateException(binaries.resolve(binary) + " is missing: run "
              + INSTALL_SCRIPT + " (mvn verify runs it before the integration tests), or set "
              + "KUBE_API_TEST_DIR to a directory that has " + root.relativize(binaries)
              + "/{kube-apiserver,etcd,kubectl}");
        }
      }
      // Everything through the builder: kube-api-test 7.5.2 casts environment strings to
      // Boolean/Integer (KUBE_API_TEST_OFFLINE_MODE=true throws ClassCastException).
      KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
          .withTestDir(root.toString())
          .withApiServerVersion(KUBERNETES_VERSION)
          .withOfflineMode(true)
          .withStartupTimeout((int) STARTUP_TIMEOUT.toMillis())
          .withWaitForEtcdHealthCheckOnStartup(true)
          .withUpdateKubeConfig(false)
          // Loopback only: nothing outside this machine needs to reach the test API server.
          .withApiServerFlag("--bind-address", "127.0.0.1")
          .withApiServerFlag("--advertise-address", "127.0.0.1")
          .build());
      long startedAt = System.nanoTime();
      try {
        server.start();
      } catch (RuntimeException e) {
        try {
          server.stop(); // etcd may be up already
        } catch (RuntimeException stopFailure) {
          e.addSuppressed(stopFailure);
        }
        throw new IllegalStateException("kube-apiserver or etcd from " + binaries + " did not start: "
            + e.getMessage() + "; their logs: -D" + DEBUG_LOG + "=debug", e);
      }
      Running running = new Running(server, new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
          .build());
      Runtime.getRuntime().addShutdownHook(new Thread(running::close, "control-plane-stop"));
      System.err.printf("[control-plane] kube-apiserver v%s + etcd ready in %.1f s (binaries: %s)%n",
          KUBERNETES_VERSION, (System.nanoTime() - startedAt) / 1e9, binaries);
      return running;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      client.close();
      server.stop();
    }
  }
}
