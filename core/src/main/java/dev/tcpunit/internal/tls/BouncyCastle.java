package dev.tcpunit.internal.tls;

/**
 * Whether BouncyCastle's certificate builder is on the class path. It is an optional dependency of
 * tcpunit-core, needed only to generate certificates; the classes that use it are loaded only after
 * this check passed.
 */
public final class BouncyCastle {

  /** The artifact to add, as {@code groupId:artifactId}. */
  public static final String ARTIFACT = "org.bouncycastle:bcpkix-jdk18on";

  static final String PROBE_CLASS = "org.bouncycastle.cert.X509v3CertificateBuilder";

  private BouncyCastle() {}

  /**
   * Fails unless the certificate builder can be loaded by a class loader.
   *
   * @param loader the class loader to look in
   * @param feature what needs it, for the message, for example {@code "ScriptedServer tls()"}
   * @throws IllegalStateException naming the artifact to add
   */
  public static void require(ClassLoader loader, String feature) {
    try {
      Class.forName(PROBE_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      IllegalStateException missing =
          new IllegalStateException(
              feature
                  + " generates a certificate with BouncyCastle, but "
                  + PROBE_CLASS
                  + " is not on the class path. Add the dependency "
                  + ARTIFACT
                  + " (version 1.78 or later; test scope is enough), or give the server your own"
                  + " key material with TlsIdentity.of(KeyStore, char[]) or"
                  + " TlsIdentity.of(SSLContext).");
      missing.initCause(e);
      throw missing;
    }
  }
}
