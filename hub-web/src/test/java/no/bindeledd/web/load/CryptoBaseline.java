package no.bindeledd.web.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.crypto.SigningKey;
import no.bindeledd.core.exchange.MessageEnvelope;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.web.it.Demo;

/**
 * The ceiling the hub's own cryptography sets: how many CMS signatures the hub's {@link Signatures}
 * makes and checks per second with a freshly issued RSA-2048 agency key, on a request envelope as
 * the hub signs it, with nothing else in the way.
 */
final class CryptoBaseline {

  /** Sign and verify rates, one thread and two. */
  record Result(
      int envelopeBytes,
      int signedBytes,
      double sign1,
      double sign2,
      double verify1,
      double verify2) {}

  private final Signatures signatures = new Signatures();
  private final SigningKey key;
  private final List<X509Certificate> accepted;
  private final byte[] envelope;
  private final byte[] signed;

  private CryptoBaseline(SigningKey key) {
    this.key = key;
    this.accepted = List.of(key.certificate());
    this.envelope = requestEnvelope().toCanonicalBytes();
    this.signed = signatures.sign(envelope, key);
  }

  /** Issues a key from a development CA made in a scratch folder, which is removed afterwards. */
  static Result measure(Path scratchParent, Duration warmup, Duration measured) {
    Path keysDir;
    try {
      keysDir = Files.createTempDirectory(scratchParent, "load-keys-");
    } catch (IOException e) {
      throw new UncheckedIOException("no scratch folder for the baseline keys", e);
    }
    try {
      DevelopmentCa ca = DevelopmentCa.loadOrCreate(keysDir);
      SigningKey key =
          AgencyKeyStore.loadOrCreate(keysDir)
              .ensureKey(Demo.REFUGEE_SERVICE, "Load test refugee service", ca);
      return new CryptoBaseline(key).run(warmup, measured);
    } finally {
      delete(keysDir);
    }
  }

  private Result run(Duration warmup, Duration measured) {
    Callable<Object> sign = () -> signatures.sign(envelope, key);
    Callable<Object> verify = () -> signatures.verify(signed, accepted, Instant.now());
    return new Result(
        envelope.length,
        signed.length,
        rate(sign, 1, warmup, measured),
        rate(sign, 2, warmup, measured),
        rate(verify, 1, warmup, measured),
        rate(verify, 2, warmup, measured));
  }

  /** Operations per second over all threads, counted after the warm-up. */
  private static double rate(
      Callable<Object> operation, int threads, Duration warmup, Duration measured) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime() + warmup.toNanos();
      long end = start + measured.toNanos();
      List<Future<Long>> counts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        counts.add(pool.submit(() -> loop(operation, start, end)));
      }
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total / (measured.toNanos() / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the baseline operation failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static long loop(Callable<Object> operation, long start, long end) throws Exception {
    long count = 0;
    Object sink = null;
    long now = System.nanoTime();
    while (now < end) {
      sink = operation.call();
      now = System.nanoTime();
      if (now >= start && now < end) {
        count++;
      }
    }
    if (sink == null) {
      throw new IllegalStateException("the operation returned nothing");
    }
    return count;
  }

  /** A request as the hub signs it in journey J2, with the demo question. */
  private static MessageEnvelope requestEnvelope() {
    return new MessageEnvelope(
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        null,
        MessageKind.REQUEST,
        Demo.REFUGEE_SERVICE,
        Demo.GP_OFFICE,
        UUID.randomUUID().toString(),
        Demo.adultNationalId(),
        "referral-status",
        "introduction-programme-follow-up",
        UUID.randomUUID().toString(),
        Instant.now(),
        "Was the participant referred to hospital after the appointment on 20 November?");
  }

  /** Removes a folder and everything in it. */
  static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove " + dir, e);
    }
  }
}
