package io.amlnet.sandbox;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.network.NetworkManager;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Real Azure SDK clients aimed at the emulator (or any ARM endpoint with a private CA): a custom
 * {@link AzureEnvironment} whose resource manager endpoint is the emulator, a static bearer token,
 * and a Netty HTTP client that trusts exactly the certificates of one PEM file, without touching
 * JVM-wide trust settings. For tests and the sandbox demo.
 */
public final class SandboxAzureClients {
  public static final String SCOPE = "https://management.azure.com/.default";

  private SandboxAzureClients() {}

  /** An azure-core HTTP client whose TLS trusts only the certificates in {@code pem}. */
  public static HttpClient httpClientTrusting(Path pem) {
    try {
      SslContext ssl = SslContextBuilder.forClient().trustManager(SelfSignedCertificate.readPem(pem)).build();
      reactor.netty.http.client.HttpClient netty =
          reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl));
      return new NettyAsyncHttpClientBuilder(netty).build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot trust " + pem + ": " + e.getMessage(), e);
    }
  }

  /** A token credential that always answers {@code token}; the emulator accepts any bearer token. */
  public static TokenCredential staticToken(String token) {
    return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
  }

  /** Azure's public cloud with the resource manager endpoint replaced by {@code baseUrl}. */
  public static AzureEnvironment environment(String baseUrl) {
    String endpoint = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    return new AzureEnvironment(Map.of(
        "resourceManagerEndpointUrl", endpoint,
        "managementEndpointUrl", endpoint,
        "activeDirectoryEndpointUrl", "https://login.microsoftonline.com/",
        "activeDirectoryResourceId", "https://management.core.windows.net/"));
  }

  /** The network SDK's manager for {@code subscriptionId}, talking to {@code baseUrl}. */
  public static NetworkManager networkManager(String baseUrl, Path pem, String subscriptionId) {
    AzureProfile profile = new AzureProfile("00000000-0000-0000-0000-000000000000", subscriptionId, environment(baseUrl));
    return NetworkManager.configure()
        .withHttpClient(httpClientTrusting(pem))
        .authenticate(staticToken("sandbox-token"), profile);
  }

  /** A plain ARM pipeline (bearer token, trusted CA) for REST calls such as ML computes. */
  public static HttpPipeline armPipeline(Path pem) {
    return new HttpPipelineBuilder()
        .httpClient(httpClientTrusting(pem))
        .policies(new BearerTokenAuthenticationPolicy(staticToken("sandbox-token"), SCOPE))
        .build();
  }
}
