package dev.tcpunit.internal.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1} with a fresh
 * EC P-256 key, made with BouncyCastle's builder and the JDK's own providers (no BouncyCastle
 * provider is registered). Load this class only after {@link BouncyCastle#require} passed.
 *
 * @param key the key pair
 * @param certificate the certificate of the public key, signed with the private key
 */
record GeneratedCertificate(KeyPair key, X509Certificate certificate) {

  private static final Duration CLOCK_SKEW = Duration.ofHours(1);
  private static final Duration VALIDITY = Duration.ofDays(2);

  /**
   * Generates a key pair and its certificate, valid from an hour ago for two days.
   *
   * @return the key and certificate
   * @throws GeneralSecurityException if the JDK cannot make an EC key or sign
   */
  static GeneratedCertificate forLoopback() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair key = generator.generateKeyPair();
    Instant now = Instant.now();
    X500Principal subject = new X500Principal("CN=localhost, O=tcpunit");
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(63, random).add(BigInteger.ONE),
            Date.from(now.minus(CLOCK_SKEW)),
            Date.from(now.plus(VALIDITY)),
            subject,
            key.getPublic());
    try {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")
              }));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
      X509Certificate certificate =
          new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new GeneratedCertificate(key, certificate);
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("Cannot build the certificate: " + e.getMessage(), e);
    }
  }
}
