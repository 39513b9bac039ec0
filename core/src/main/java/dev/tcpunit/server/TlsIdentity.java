package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.tcpunit.internal.tls.BouncyCastle;
import dev.tcpunit.internal.tls.TlsMaterial;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;

/**
 * The key material a TLS {@link ScriptedServer} presents: a certificate generated at start, a key
 * store of yours, or an {@link SSLContext} of yours.
 *
 * <pre>{@code
 * ScriptedServer.builder().tls(TlsIdentity.generated()).scripts(List.of(Scripts.http(200, "ok")))
 * ScriptedServer.builder().tls(TlsIdentity.of(keyStore, "secret".toCharArray()))...
 * }</pre>
 *
 * <p>Only {@link #generated()} needs BouncyCastle ({@code org.bouncycastle:bcpkix-jdk18on}, an
 * optional dependency of tcpunit-core). Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TlsIdentity {

  private final Supplier<TlsMaterial> material;
  private final String description;

  private TlsIdentity(Supplier<TlsMaterial> material, String description) {
    this.material = material;
    this.description = description;
  }

  /**
   * A self-signed certificate with a fresh EC P-256 key, generated when the server starts (each
   * server its own), for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, valid from an hour
   * ago for two days. Clients trust it through {@link ScriptedServer#tls()}.
   *
   * @return the identity
   * @throws IllegalStateException if BouncyCastle ({@code org.bouncycastle:bcpkix-jdk18on}) is not
   *     on the class path; the message names the dependency to add
   */
  public static TlsIdentity generated() {
    BouncyCastle.require(TlsIdentity.class.getClassLoader(), "TlsIdentity.generated()");
    return new TlsIdentity(
        () -> TlsMaterial.generated("TlsIdentity.generated()"), "TlsIdentity.generated()");
  }

  /**
   * The private key entries of a key store (with their certificate chains). Clients trust every
   * certificate of those chains through {@link ScriptedServer#tls()}.
   *
   * @param keyStore a loaded key store with at least one private key entry; read when the server
   *     starts, so it must not change meanwhile
   * @param password the password of the keys; copied
   * @return the identity
   */
  public static TlsIdentity of(KeyStore keyStore, char[] password) {
    Objects.requireNonNull(keyStore, "keyStore");
    char[] copy = Objects.requireNonNull(password, "password").clone();
    return new TlsIdentity(
        () -> TlsMaterial.of(keyStore, Arrays.copyOf(copy, copy.length)),
        "TlsIdentity.of(KeyStore, char[])");
  }

  /**
   * A server-side context of yours, initialised with the server's key managers. tcpunit does not
   * know which certificate it presents, so {@link ScriptedServer#tls()} offers no trust material:
   * build the client's trust from your own.
   *
   * @param serverContext the initialised context
   * @return the identity
   */
  public static TlsIdentity of(SSLContext serverContext) {
    Objects.requireNonNull(serverContext, "serverContext");
    return new TlsIdentity(() -> TlsMaterial.of(serverContext), "TlsIdentity.of(SSLContext)");
  }

  /**
   * Makes the key material: generates the certificate, or reads the key store.
   *
   * @return the material
   */
  @API(status = INTERNAL, since = "0.1")
  public TlsMaterial material() {
    return material.get();
  }

  @Override
  public String toString() {
    return description;
  }
}
