package io.amlnet.demo;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.KubeAPITestException;
import io.fabric8.kubeapitest.Utils;
import io.fabric8.kubeapitest.binary.OSInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Kubernetes control plane on this machine: the kube-apiserver and etcd that
 * hack/control-plane/install.sh builds, started by fabric8's kube-api-test, on loopback only.
 * Used by `amlnet sandbox` and by the integration tests.
 *
 * <p>kube-api-test runs from a private directory of its own ({@link LoopbackBinaries}): links to
 * the built binaries, an etcd wrapper that listens on 127.0.0.1 instead of kube-api-test's
 * 0.0.0.0, and the certificates kube-api-test makes. Closing stops kube-apiserver and etcd,
 * and removes that directory, etcd's data and WAL directories and the kubeconfig file.
 */
public final class LocalKubernetes implements AutoCloseable {
  /** The Kubernetes version that install.sh builds; kube-api-test looks only for this one. */
  public static final String KUBERNETES_VERSION = "1.34.1";
  public static final String INSTALL_SCRIPT = "hack/control-plane/install.sh";
  /** Generous for a 2-core machine: a cold kube-apiserver there needs tens of seconds. */
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
  private static final List<String> BINARIES = List.of("kube-apiserver", "etcd", "kubectl");
  /** The logback switch (log-levels.xml) for kube-api-test, which logs the processes' output at debug level. */
  private static final String DEBUG_LOG = "amlnet.log.kubeapitest";

  private final KubeAPIServer server;
  private final LoopbackBinaries binaries;
  private final KubernetesClient client;
  private final Duration startup;
  private Path kubeconfig;
  private boolean closed;

  private LocalKubernetes(KubeAPIServer server, LoopbackBinaries binaries, KubernetesClient client, Duration startup) {
    this.server = server;
    this.binaries = binaries;
    this.client = client;
    this.startup = startup;
  }

  /** kube-api-test's directory: {@code $KUBE_API_TEST_DIR}, else its default ~/.kubeapitest. */
  public static Path binaryRoot() {
    String fromEnv = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
    return fromEnv != null && !fromEnv.isBlank()
        ? Path.of(fromEnv)
        : Path.of(System.getProperty("user.home"), KubeAPIServerConfigBuilder.DIRECTORY_NAME);
  }

  /** The directory of kube-apiserver, etcd and kubectl: {@code <root>/k8s/1.34.1-linux-amd64}. */
  public static Path binaryDir() {
    return binaryRoot().resolve("k8s").resolve(KUBERNETES_VERSION + Utils.platformSuffix(new OSInfo()));
  }

  public static LocalKubernetes start() {
    Path root = binaryRoot();
    Path binaries = binaryDir();
    for (String binary : BINARIES) {
      if (!Files.isExecutable(binaries.resolve(binary))) {
        throw new IllegalStateException(binaries.resolve(binary) + " is missing: run "
            + INSTALL_SCRIPT + " (mvn verify runs it before the integration tests), or set "
            + "KUBE_API_TEST_DIR to a directory that has " + root.relativize(binaries)
            + "/{kube-apiserver,etcd,kubectl}");
      }
    }
    LoopbackBinaries loopback = LoopbackBinaries.create(binaries);
    // Everything through the builder: kube-api-test 7.5.2 casts environment strings to
    // Boolean/Integer (KUBE_API_TEST_OFFLINE_MODE=true throws ClassCastException).
    KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withTestDir(loopback.testDir().toString())
        .withApiServerVersion(KUBERNETES_VERSION)
        .withOfflineMode(true)
        .withStartupTimeout((int) STARTUP_TIMEOUT.toMillis())
        .withWaitForEtcdHealthCheckOnStartup(true)
        .withUpdateKubeConfig(false)
        // Loopback only: nothing outside this machine needs to reach this API server.
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
      loopback.close();
      throw new IllegalStateException("kube-apiserver or etcd from " + binaries + " did not start: "
          + e.getMessage() + "; their logs: -D" + DEBUG_LOG + "=debug", e);
    }
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
    return new LocalKubernetes(server, loopback, client, Duration.ofNanos(System.nanoTime() - startedAt));
  }

  /** Administrator client of this control plane; closed with it. */
  public KubernetesClient client() {
    return client;
  }

  public Duration startupTime() {
    return startup;
  }

  /** A kubeconfig file for kubectl and other tools, written on first use and removed on close. */
  public synchronized Path kubeconfig() {
    try {
      if (kubeconfig == null) {
        kubeconfig = Files.createTempFile("amlnet-", ".kubeconfig");
        Files.writeString(kubeconfig, server.getKubeConfigYaml());
      }
      return kubeconfig;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path kubectl() {
    return binaryDir().resolve("kubectl");
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    client.close();
    try {
      server.stop(); // kills kube-apiserver and etcd, then deletes etcd's data and WAL directories
    } catch (KubeAPITestException e) {
      // Ctrl-C reaches etcd and kube-apiserver too; kube-api-test then stops itself when they exit
      // and has removed etcd's directories already. Anything else is a real failure to clean up.
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e;
      }
    } finally {
      binaries.close();
      if (kubeconfig != null) {
        try {
          Files.deleteIfExists(kubeconfig);
        } catch (IOException e) {
          // reported by nothing: a stale kubeconfig names a port that is closed
        }
      }
    }
  }
}
