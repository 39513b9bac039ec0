/**
 * The failure messages of tcpunit's AssertJ assertions and their text helpers. Internal: not API,
 * may change without notice.
 */
@NullMarked
package dev.tcpunit.internal.assertj;

import org.jspecify.annotations.NullMarked;
