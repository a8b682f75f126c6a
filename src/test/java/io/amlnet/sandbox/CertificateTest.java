package io.amlnet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** HTTPS only, on a certificate generated at start, written as PEM; clients trust exactly it. */
class CertificateTest {

  @Test
  void certificateIsWrittenAsPemWithLocalhostAndLoopbackNames() throws Exception {
    try (var arm = new EmulatorHarness()) {
      assertThat(Files.readString(arm.emulator.certificatePath())).startsWith("-----BEGIN CERTIFICATE-----");
      X509Certificate cert = SelfSignedCertificate.readPem(arm.emulator.certificatePath())[0];
      assertThat(cert.getSubjectAlternativeNames()).extracting(l -> (Object) l.get(1))
          .containsExactlyInAnyOrder((Object) "localhost", "127.0.0.1");
      assertThat(arm.emulator.baseUrl()).startsWith("https://127.0.0.1:");
    }
  }

  @Test
  void clientWithTheJvmDefaultTrustIsRefused() {
    try (var arm = new EmulatorHarness()) {
      HttpClient plain = HttpClient.newHttpClient();
      assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(arm.emulator.baseUrl() + "/_sandbox/requests")).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void eachStartHasItsOwnCertificate() throws Exception {
    try (var a = new EmulatorHarness(); var b = new EmulatorHarness()) {
      assertThat(List.of(SelfSignedCertificate.readPem(a.emulator.certificatePath())))
          .doesNotContainAnyElementsOf(List.of(SelfSignedCertificate.readPem(b.emulator.certificatePath())));
    }
  }
}
