package no.bindeledd.core.audit.witness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import no.bindeledd.core.audit.checkpoint.VerifierKey;

/**
 * {@code bindeledd-witness}: runs a witness of its own, outside the hub, from the verifier jar:
 *
 * <pre>
 * java -cp hub-core-&lt;version&gt;-verifier.jar no.bindeledd.core.audit.witness.WitnessCommand \
 *     --state witness-state --name witness.example/w1 --log log-key.vkey
 * </pre>
 *
 * It makes its key in the state folder at first start, prints its verifier key and address, and
 * serves until stopped. Exit code 2 when the command is used wrongly.
 */
public final class WitnessCommand {

  static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      Usage: bindeledd-witness --state <folder> --name <witness name> --log <key>...
                               [--listen <host>:<port>] [--max-body-bytes <n>]

      Runs a C2SP tlog-witness that cosigns the checkpoints of the logs it is given, each only
      after a consistency proof from the last checkpoint it cosigned of that log.

        --state <folder>        the witness's own memory and key (made at first start); no other
                                witness may use it
        --name <witness name>   the witness's key name, a schema-less URL such as
                                witness.example/w1; it is kept with the key
        --log <key>             a log to witness: its verifier key (a file or the key text),
                                whose name is the log's origin, or <origin>=<key>; repeat for more
        --listen <host>:<port>  where to listen (default 127.0.0.1:7380; loopback unless told)
        --max-body-bytes <n>    the largest request body (default 65536)
        --help                  show this text
      """;

  private static final Logger LOG = Logger.getLogger(WitnessCommand.class.getName());

  private WitnessCommand() {}

  /** A witness started from the command line, until closed. */
  public record Running(Witness witness, WitnessServer server, WitnessState state)
      implements AutoCloseable {

    @Override
    public void close() {
      server.close();
      try {
        state.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static void main(String[] args) {
    Running running;
    try {
      running = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("bindeledd-witness: " + e.getMessage());
      System.err.println("Try --help.");
      System.exit(USAGE);
      return;
    }
    if (running != null) {
      Runtime.getRuntime().addShutdownHook(new Thread(running::close, "witness-stop"));
    }
  }

  /**
   * Starts the witness the arguments describe; the server's thread keeps the process alive.
   *
   * @return the running witness, or null if only the help was asked for
   * @throws IllegalArgumentException if the arguments are wrong or a file cannot be read
   */
  public static Running start(String[] args, PrintStream out) {
    Arguments arguments = Arguments.parse(args);
    if (arguments.help) {
      out.print(USAGE_TEXT);
      return null;
    }
    WitnessState state = WitnessState.open(arguments.state);
    try {
      Cosigner cosigner = Cosigner.loadOrCreate(arguments.state, arguments.name);
      Witness witness = new Witness(cosigner, arguments.logs, state, Clock.systemUTC());
      WitnessServer server = WitnessServer.start(witness, arguments.listen, arguments.maxBodyBytes);
      out.println("Witness   " + cosigner.verifierKey().encoded());
      out.println("Listens   " + server.url() + "add-checkpoint");
      for (WitnessedLog log : arguments.logs) {
        out.println("Witnesses " + log.origin());
      }
      LOG.info(() -> "Witness " + cosigner.verifierKey().name() + " listens on " + server.url());
      return new Running(witness, server, state);
    } catch (IOException | RuntimeException e) {
      try {
        state.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof IOException io) {
        throw new IllegalArgumentException(
            "cannot listen on " + arguments.listen + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  private static final class Arguments {

    private Path state;
    private String name;
    private final List<WitnessedLog> logs = new ArrayList<>();
    private InetSocketAddress listen =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 7380);
    private int maxBodyBytes = WitnessServer.DEFAULT_MAX_BODY_BYTES;
    private boolean help;

    static Arguments parse(String[] args) {
      Arguments parsed = new Arguments();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--help", "-h" -> parsed.help = true;
          case "--state" -> parsed.state = path(value(args, ++i, arg));
          case "--name" -> parsed.name = value(args, ++i, arg);
          case "--log" -> parsed.logs.add(log(value(args, ++i, arg)));
          case "--listen" -> parsed.listen = address(value(args, ++i, arg));
          case "--max-body-bytes" -> {
            try {
              parsed.maxBodyBytes = Integer.parseInt(value(args, ++i, arg));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--max-body-bytes needs a number of bytes");
            }
          }
          default -> throw new IllegalArgumentException("unknown argument " + arg);
        }
      }
      if (parsed.help) {
        return parsed;
      }
      if (parsed.state == null) {
        throw new IllegalArgumentException("give the witness's folder with --state");
      }
      if (parsed.name == null) {
        throw new IllegalArgumentException("give the witness's name with --name");
      }
      if (parsed.logs.isEmpty()) {
        throw new IllegalArgumentException("give at least one log to witness with --log");
      }
      return parsed;
    }

    /** A key (file or text) named for its log, or {@code <origin>=<key>}. */
    private static WitnessedLog log(String argument) {
      try {
        return WitnessedLog.of(key(argument));
      } catch (IllegalArgumentException whole) {
        int equals = argument.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException("--log " + argument + ": " + whole.getMessage());
        }
        try {
          return new WitnessedLog(
              argument.substring(0, equals), List.of(key(argument.substring(equals + 1))));
        } catch (IllegalArgumentException split) {
          throw new IllegalArgumentException("--log " + argument + ": " + whole.getMessage());
        }
      }
    }

    private static VerifierKey key(String argument) {
      String text = argument;
      try {
        Path file = Path.of(argument);
        if (Files.isRegularFile(file)) {
          text = Files.readString(file, StandardCharsets.UTF_8).strip();
        }
      } catch (InvalidPathException e) {
        // key text, not a file name
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + argument + ": " + e.getMessage());
      }
      return VerifierKey.parse(text);
    }

    private static InetSocketAddress address(String value) {
      int colon = value.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--listen takes <host>:<port>, not " + value);
      }
      String host = value.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(value.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--listen needs a port number: " + value);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--listen needs a port from 0 to 65535: " + value);
      }
      return new InetSocketAddress(host, port);
    }

    private static Path path(String name) {
      try {
        return Path.of(name);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("not a folder name: " + name);
      }
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length || args[i].startsWith("--")) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }
}
