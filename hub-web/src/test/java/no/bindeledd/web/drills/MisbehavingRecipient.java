package no.bindeledd.web.drills;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An agency's HTTP endpoint that misbehaves, on a loopback port: it takes each connection and reads
 * the request, and then, as told, never answers, resets the connection, or answers bytes that are
 * not HTTP. It counts the connections it was given and those still open, which a hub that keeps its
 * threads bounded must end itself, and keeps the longest time one was held.
 */
final class MisbehavingRecipient implements AutoCloseable {

  /** What the endpoint does once it has the request. */
  enum Behaviour {
    /** Holds the connection open and answers nothing. */
    SILENT,
    /** Ends the connection with a TCP reset (RST). */
    RESET,
    /** Answers random bytes that are not HTTP, then closes. */
    GARBAGE
  }

  private final ServerSocket server;
  private final ExecutorService connections = Executors.newCachedThreadPool();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong longestHeldNanos = new AtomicLong();
  private final Random random = new Random(13);
  private volatile Behaviour behaviour = Behaviour.SILENT;

  MisbehavingRecipient() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    connections.submit(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  void behaves(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  /** How many connections the hub opened. */
  int accepted() {
    return accepted.get();
  }

  /** How many of them are still open: the hub waits on each. */
  int open() {
    open.removeIf(Socket::isClosed);
    return open.size();
  }

  /** The longest any connection stayed open, from its accepting to its end. */
  Duration longestHeld() {
    return Duration.ofNanos(longestHeldNanos.get());
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.incrementAndGet();
        open.add(socket);
        connections.submit(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    long acceptedAt = System.nanoTime();
    try (socket) {
      InputStream in = socket.getInputStream();
      readHead(in);
      switch (behaviour) {
        case SILENT -> {
          // Reads on until the hub gives up and closes: end of stream, or its reset.
          while (in.read() >= 0) {
            // What the hub sends is thrown away.
          }
        }
        case RESET -> socket.setSoLinger(true, 0);
        case GARBAGE -> {
          byte[] garbage = new byte[512];
          random.nextBytes(garbage);
          OutputStream out = socket.getOutputStream();
          out.write("\u0000\u0013 not HTTP ".getBytes(StandardCharsets.ISO_8859_1));
          out.write(garbage);
          out.flush();
        }
      }
    } catch (IOException e) {
      // The hub went away: what the endpoint waits for.
    } finally {
      open.remove(socket);
      longestHeldNanos.accumulateAndGet(System.nanoTime() - acceptedAt, Math::max);
    }
  }

  /** Reads the request head, up to the blank line. */
  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b = in.read(); b >= 0; b = in.read()) {
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
      if (matched == end.length) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    connections.shutdownNow();
  }
}
