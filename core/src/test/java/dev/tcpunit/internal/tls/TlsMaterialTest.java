package dev.tcpunit.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpunit.server.ConnectionScript;
import dev.tcpunit.server.ScriptedServer;
import dev.tcpunit.server.TlsIdentity;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
@DisplayName("TLS key material: BouncyCastle missing, a key store of yours")
class TlsMaterialTest {

  @Test
  @DisplayName("without BouncyCastle, a generated certificate fails naming the artifact to add")
  void bouncyCastleMissing() throws Exception {
    try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> BouncyCastle.require(bare, "ScriptedServer.Builder.tls()"))
          .isInstanceOf(IllegalStateException.class)
          .hasCauseInstanceOf(ClassNotFoundException.class)
          .hasMessage(
              "ScriptedServer.Builder.tls() generates a certificate with BouncyCastle, but"
                  + " org.bouncycastle.cert.X509v3CertificateBuilder is not on the class path. Add"
                  + " the dependency org.bouncycastle:bcpkix-jdk18on (version 1.78 or later; test"
                  + " scope is enough), or give the server your own key material with"
                  + " TlsIdentity.of(KeyStore, char[]) or TlsIdentity.of(SSLContext).");
    }
    BouncyCastle.require(getClass().getClassLoader(), "present");
  }

  @Test
  @DisplayName("a key store of yours: the server presents its key, clients trust its chain")
  void ownKeyStore() throws Exception {
    GeneratedCertificate generated = GeneratedCertificate.forLoopback();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    char[] password = "secret".toCharArray();
    keys.setKeyEntry(
        "server",
        generated.key().getPrivate(),
        password,
        new Certificate[] {generated.certificate()});
    try (ScriptedServer server =
        ScriptedServer.builder()
            .tls(TlsIdentity.of(keys, password))
            .scripts(List.of(ConnectionScript.create().write("hi")))
            .start()) {
      assertThat(server.tls().certificate()).isEqualTo(generated.certificate());
      try (Socket plain = new Socket(server.address().getAddress(), server.port());
          SSLSocket socket =
              (SSLSocket)
                  server
                      .tls()
                      .sslContext()
                      .getSocketFactory()
                      .createSocket(plain, "127.0.0.1", server.port(), false)) {
        plain.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        assertThat(new String(in.readNBytes(2), StandardCharsets.UTF_8)).isEqualTo("hi");
      }
    }
  }

  @Test
  @DisplayName("a key store without a key entry, or with a wrong password, is refused")
  void badKeyStore() throws Exception {
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    assertThatThrownBy(() -> TlsMaterial.of(empty, new char[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "keyStore: no private key entry with an X.509 certificate chain (expected: the"
                + " server's key and certificate)");
    GeneratedCertificate generated = GeneratedCertificate.forLoopback();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server",
        generated.key().getPrivate(),
        "right".toCharArray(),
        new Certificate[] {generated.certificate()});
    assertThatThrownBy(() -> TlsMaterial.of(keys, "wrong".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keyStore: its keys cannot be used (")
        .hasMessageEndingWith("); check the password");
  }
}
