package io.amlnet.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The emulator's TLS identity: an EC P-256 key and a self-signed certificate for localhost and
 * 127.0.0.1 made with BouncyCastle at start, written as PEM so that clients can trust exactly it.
 */
public final class SelfSignedCertificate {
  private static final char[] PASSWORD = "sandbox".toCharArray();
  private final KeyPair keyPair;
  private final X509Certificate certificate;
  private final Path pemPath;

  private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate, Path pemPath) {
    this.keyPair = keyPair;
    this.certificate = certificate;
    this.pemPath = pemPath;
  }

  /** Generates a key and certificate and writes the certificate to {@code dir/arm-emulator.pem}. */
  public static SelfSignedCertificate generate(Path dir) throws IOException {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair kp = gen.generateKeyPair();
      X500Name subject = new X500Name("CN=amlnet sandbox ARM emulator");
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))), subject, kp.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate());
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      Files.createDirectories(dir);
      Path pem = dir.resolve("arm-emulator.pem");
      try (Writer w = Files.newBufferedWriter(pem); JcaPEMWriter pw = new JcaPEMWriter(w)) {
        pw.writeObject(cert);
      }
      return new SelfSignedCertificate(kp, cert, pem);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IOException("cannot create the emulator certificate", e);
    }
  }

  public Path pemPath() {
    return pemPath;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The server side: this key and certificate. */
  public SSLContext serverContext() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("arm", keyPair.getPrivate(), PASSWORD, new java.security.cert.Certificate[] {certificate});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** A client context that trusts exactly the certificates in {@code pem} and nothing else. */
  public static SSLContext trustingOnly(Path pem) throws GeneralSecurityException, IOException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustStore(pem));
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** A key store holding the certificates of a PEM file. */
  public static KeyStore trustStore(Path pem) throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    for (X509Certificate c : readPem(pem)) {
      ks.setCertificateEntry("ca-" + i++, c);
    }
    return ks;
  }

  public static X509Certificate[] readPem(Path pem) throws GeneralSecurityException, IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }
  }
}
