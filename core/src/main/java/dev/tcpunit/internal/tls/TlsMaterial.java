package dev.tcpunit.internal.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * A TLS server's key material and what a client needs to trust it.
 *
 * @param serverContext the context the server's engines come from
 * @param certificates the certificates a client trusts the server by; empty when unknown (the user
 *     gave an {@link SSLContext})
 * @param origin where the material came from, for messages
 */
public record TlsMaterial(
    SSLContext serverContext, List<X509Certificate> certificates, String origin) {

  private static final char[] NO_PASSWORD = new char[0];

  /** Copies the certificate list. */
  public TlsMaterial {
    certificates = List.copyOf(certificates);
  }

  /**
   * Generates a self-signed certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}.
   *
   * @param feature what asked for it, for the message when BouncyCastle is missing
   * @return the material
   * @throws IllegalStateException if BouncyCastle is not on the class path
   */
  public static TlsMaterial generated(String feature) {
    BouncyCastle.require(TlsMaterial.class.getClassLoader(), feature);
    try {
      GeneratedCertificate generated = GeneratedCertificate.forLoopback();
      KeyStore keys = emptyStore();
      keys.setKeyEntry(
          "tcpunit",
          generated.key().getPrivate(),
          NO_PASSWORD,
          new Certificate[] {generated.certificate()});
      return new TlsMaterial(
          serverContext(keys, NO_PASSWORD),
          List.of(generated.certificate()),
          "a certificate generated for localhost, 127.0.0.1 and ::1");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate a TLS certificate: " + e.getMessage(), e);
    }
  }

  /**
   * The material of a key store: its key entries serve, their certificates are trusted.
   *
   * @param keys the key store, with at least one private key entry
   * @param password the keys' password
   * @return the material
   * @throws IllegalArgumentException if the store has no key entry or its keys cannot be read
   */
  public static TlsMaterial of(KeyStore keys, char[] password) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      for (String alias : Collections.list(keys.aliases())) {
        if (keys.isKeyEntry(alias)) {
          Certificate[] chain = keys.getCertificateChain(alias);
          if (chain != null) {
            for (Certificate certificate : chain) {
              if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
              }
            }
          }
        }
      }
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(
            "keyStore: no private key entry with an X.509 certificate chain (expected: the"
                + " server's key and certificate)");
      }
      return new TlsMaterial(
          serverContext(keys, password), certificates, "the key store given to TlsIdentity.of");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "keyStore: its keys cannot be used (" + e.getMessage() + "); check the password", e);
    }
  }

  /**
   * The material of a ready context; a client's trust is unknown.
   *
   * @param context the server's context
   * @return the material
   */
  public static TlsMaterial of(SSLContext context) {
    return new TlsMaterial(context, List.of(), "the SSLContext given to TlsIdentity.of");
  }

  /**
   * A key store holding the trusted certificates as certificate entries.
   *
   * @return a new PKCS#12 store, in memory, without a password
   */
  public KeyStore trustStore() {
    try {
      KeyStore store = emptyStore();
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("tcpunit-" + i, certificates.get(i));
      }
      return store;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build a trust store: " + e.getMessage(), e);
    }
  }

  /**
   * A trust manager that trusts the server's certificates and nothing else.
   *
   * @return the trust manager
   */
  public X509TrustManager trustManager() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore());
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("The JDK's trust manager factory made no X509TrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build a trust manager: " + e.getMessage(), e);
    }
  }

  /**
   * A client context that trusts the server's certificates and nothing else.
   *
   * @return a new context
   */
  public SSLContext clientContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build a client SSLContext: " + e.getMessage(), e);
    }
  }

  private static SSLContext serverContext(KeyStore keys, char @Nullable [] password)
      throws GeneralSecurityException {
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("Cannot create a key store: " + e.getMessage(), e);
    }
    return store;
  }
}
