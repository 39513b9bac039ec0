package dev.tcpunit.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.tcpunit.internal.tls.TlsMaterial;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A TLS server's trust material for the client under test: a client trusting what these methods
 * return accepts this server's certificate, and nothing else.
 *
 * <pre>{@code
 * HttpClient client = HttpClient.newBuilder().sslContext(server.tls().sslContext()).build();
 * client.send(HttpRequest.newBuilder(server.uri()).build(), BodyHandlers.ofString());
 * }</pre>
 *
 * <p>With a server built from {@link TlsIdentity#of(javax.net.ssl.SSLContext)}, tcpunit does not
 * know the certificate: every method but {@link #serverContext()} throws {@link
 * IllegalStateException}. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ServerTls {

  private final TlsMaterial material;
  private @Nullable SSLContext clientContext;

  ServerTls(TlsMaterial material) {
    this.material = material;
  }

  /**
   * The certificate the server presents (the first of its chain).
   *
   * @return the certificate
   * @throws IllegalStateException if the server was given an {@code SSLContext}
   */
  public X509Certificate certificate() {
    return certificates().get(0);
  }

  /**
   * Every certificate a client trusts this server by.
   *
   * @return the certificates, not empty
   * @throws IllegalStateException if the server was given an {@code SSLContext}
   */
  public List<X509Certificate> certificates() {
    requireKnown("certificates()");
    return material.certificates();
  }

  /**
   * A client context trusting this server only, with the JDK's defaults otherwise; the same
   * instance on every call. For {@code HttpClient.Builder.sslContext}, {@code
   * SSLContext.getSocketFactory()}, OkHttp, Netty's JDK provider and the like.
   *
   * @return the client context
   * @throws IllegalStateException if the server was given an {@code SSLContext}
   */
  public synchronized SSLContext sslContext() {
    requireKnown("sslContext()");
    if (clientContext == null) {
      clientContext = material.clientContext();
    }
    return clientContext;
  }

  /**
   * A trust manager trusting this server only, for clients that take one (OkHttp's {@code
   * sslSocketFactory(factory, trustManager)}).
   *
   * @return a new trust manager
   * @throws IllegalStateException if the server was given an {@code SSLContext}
   */
  public X509TrustManager trustManager() {
    requireKnown("trustManager()");
    return material.trustManager();
  }

  /**
   * A trust store holding this server's certificates as trusted entries: an in-memory PKCS#12 store
   * without password, for clients configured with a {@code KeyStore}.
   *
   * @return a new key store
   * @throws IllegalStateException if the server was given an {@code SSLContext}
   */
  public KeyStore trustStore() {
    requireKnown("trustStore()");
    return material.trustStore();
  }

  /**
   * The context the server's TLS engines come from.
   *
   * @return the server-side context
   */
  public SSLContext serverContext() {
    return material.serverContext();
  }

  private void requireKnown(String method) {
    if (material.certificates().isEmpty()) {
      throw new IllegalStateException(
          "ServerTls."
              + method
              + " needs the server's certificate, but the server presents "
              + material.origin()
              + ", whose certificate tcpunit does not know. Build the client's trust from your"
              + " own material, or start the server with TlsIdentity.generated() or"
              + " TlsIdentity.of(KeyStore, char[]).");
    }
  }

  @Override
  public String toString() {
    return "ServerTls[" + material.origin() + "]";
  }
}
