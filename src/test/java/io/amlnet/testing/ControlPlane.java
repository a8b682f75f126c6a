package io.amlnet.testing;

import io.amlnet.demo.LocalKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
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
  public static final String KUBERNETES_VERSION = LocalKubernetes.KUBERNETES_VERSION;

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
    return kubernetes().client();
  }

  /** A kubeconfig file for the running API server, for tools that judge status as users do (kubectl wait). */
  public static synchronized Path kubeconfig() {
    return kubernetes().kubeconfig();
  }

  /** The kubectl that install.sh built beside the API server. */
  public static Path kubectl() {
    return LocalKubernetes.kubectl();
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
    return LocalKubernetes.binaryDir();
  }

  private static LocalKubernetes kubernetes() {
    if (running == null) {
      throw new IllegalStateException(
          "the control plane is not started: annotate the test class with @ExtendWith(ControlPlane.class)");
    }
    return running.kubernetes;
  }

  private static synchronized Running start() {
    if (startFailure != null) {
      throw startFailure; // fail fast in every later class instead of waiting for the timeout again
    }
    try {
      running = Running.start();
      return running;
    } catch (RuntimeException e) {
      startFailure = e;
      throw e;
    }
  }

  /** The running control plane; closing it (at the end of the run, or at JVM exit) stops it. */
  private static final class Running implements AutoCloseable {
    private final LocalKubernetes kubernetes;

    private Running(LocalKubernetes kubernetes) {
      this.kubernetes = kubernetes;
    }

    static Running start() {
      LocalKubernetes kubernetes = LocalKubernetes.start();
      Runtime.getRuntime().addShutdownHook(new Thread(kubernetes::close, "control-plane-stop"));
      System.err.printf("[control-plane] kube-apiserver v%s + etcd ready in %.1f s (binaries: %s)%n",
          KUBERNETES_VERSION, kubernetes.startupTime().toMillis() / 1e3, LocalKubernetes.binaryDir());
      return new Running(kubernetes);
    }

    @Override
    public void close() {
      kubernetes.close();
    }
  }
}
