package dev.tcpunit.internal.toxiproxy;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The command line of the standalone server, parsed as Go's {@code flag} package parses {@code
 * toxiproxy-server}'s: {@code -name value}, {@code -name=value} or {@code --name value}; boolean
 * flags alone or as {@code -name=true}; parsing stops at the first argument that is not a flag.
 *
 * @param host the admin API's host
 * @param port the admin API's port
 * @param config a populate file, or empty
 * @param seed the seed of the proxies' random decisions, or {@code null} for a fresh one
 * @param allowNonLoopback whether proxies may listen on addresses other than loopback ones
 * @param version whether to print the version and exit
 * @param help whether to print the usage and exit
 */
public record ServerFlags(
    String host,
    int port,
    String config,
    @Nullable Long seed,
    boolean allowNonLoopback,
    boolean version,
    boolean help) {

  /** The usage text, as {@code -h} prints it. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage of toxiproxy-server (tcpunit):",
          "  -allow-non-loopback",
          "    \tlet proxies listen on addresses other than 127.0.0.0/8 and ::1",
          "  -config string",
          "    \tJSON file containing proxies to create on startup",
          "  -host string",
          "    \tHost for toxiproxy's API to listen on (default \"localhost\")",
          "  -port string",
          "    \tPort for toxiproxy's API to listen on (default \"8474\")",
          "  -seed int",
          "    \tSeed for randomizing toxics with",
          "  -version",
          "    \tget the current version",
          "");

  /** A command line that cannot be parsed; the message is Go's. */
  public static final class FlagException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    FlagException(String message) {
      super(message);
    }
  }

  /**
   * Parses the arguments.
   *
   * @param args the command line
   * @return the flags
   * @throws FlagException for an unknown flag or a bad value
   */
  public static ServerFlags parse(List<String> args) {
    String host = "localhost";
    String port = "8474";
    String config = "";
    Long seed = null;
    boolean allowNonLoopback = false;
    boolean version = false;
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--") || !arg.startsWith("-") || arg.equals("-")) {
        break;
      }
      String flag = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      String value = null;
      int equals = flag.indexOf('=');
      if (equals >= 0) {
        value = flag.substring(equals + 1);
        flag = flag.substring(0, equals);
      }
      switch (flag) {
        case "allow-non-loopback":
          allowNonLoopback = bool(flag, value);
          break;
        case "version":
          version = bool(flag, value);
          break;
        case "h":
        case "help":
          help = true;
          break;
        case "host":
        case "port":
        case "config":
        case "seed":
          if (value == null) {
            if (i + 1 >= args.size()) {
              throw new FlagException("flag needs an argument: -" + flag);
            }
            value = args.get(++i);
          }
          if (flag.equals("host")) {
            host = value;
          } else if (flag.equals("port")) {
            port = value;
          } else if (flag.equals("config")) {
            config = value;
          } else {
            seed = number(flag, value);
          }
          break;
        default:
          throw new FlagException("flag provided but not defined: -" + flag);
      }
    }
    return new ServerFlags(host, port(port), config, seed, allowNonLoopback, version, help);
  }

  private static boolean bool(String flag, @Nullable String value) {
    if (value == null) {
      return true;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "1":
      case "t":
      case "true":
        return true;
      case "0":
      case "f":
      case "false":
        return false;
      default:
        throw new FlagException(
            "invalid boolean value \"" + value + "\" for -" + flag + ": parse error");
    }
  }

  private static long number(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new FlagException(
          "invalid value \"" + value + "\" for flag -" + flag + ": parse error");
    }
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new FlagException("invalid value \"" + value + "\" for flag -port: not a port (0-65535)");
  }
}
