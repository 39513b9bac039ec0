/**
 * TLS for the scripted server: certificate generation (BouncyCastle, optional) and key material.
 * Internal: not API, may change without notice.
 */
@NullMarked
package dev.tcpunit.internal.tls;

import org.jspecify.annotations.NullMarked;
