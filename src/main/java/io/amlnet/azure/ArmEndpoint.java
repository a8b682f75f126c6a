package io.amlnet.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Where ARM is: Azure's public endpoint, or another one (the ARM emulator, a sovereign cloud) whose
 * TLS certificate may come from a CA file. Trust is set on this client only, never JVM-wide.
 */
public record ArmEndpoint(String baseUrl, Path caFile) {
  public static final ArmEndpoint AZURE_PUBLIC = new ArmEndpoint("https://management.azure.com", null);

  public ArmEndpoint {
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    if (!baseUrl.startsWith("https://")) {
      throw new IllegalArgumentException("ARM endpoint must be https: bearer tokens never travel over plain HTTP");
    }
  }

  public HttpClient httpClient() {
    if (caFile == null) {
      return HttpClient.createDefault();
    }
    try (InputStream in = Files.newInputStream(caFile)) {
      X509Certificate[] trusted = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
      SslContext ssl = SslContextBuilder.forClient().trustManager(trusted).build();
      return new NettyAsyncHttpClientBuilder(
          reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl))).build();
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException("cannot read CA file " + caFile + ": " + e.getMessage(), e);
    }
  }
}
