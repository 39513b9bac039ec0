package dev.tcpunit.junit.internal;

import java.util.List;

/** Small helpers for message text. */
final class Messages {

  private Messages() {}

  /** Joins words as prose: {@code a}, {@code a and b}, {@code a, b and c} (or with "or"). */
  static String join(List<String> words, String conjunction) {
    if (words.size() <= 1) {
      return String.join("", words);
    }
    return String.join(", ", words.subList(0, words.size() - 1))
        + " "
        + conjunction
        + " "
        + words.get(words.size() - 1);
  }

  /** A count with its noun: {@code 1 connection}, {@code 2 connections}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
