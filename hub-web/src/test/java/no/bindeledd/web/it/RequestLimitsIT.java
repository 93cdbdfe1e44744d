package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.bindeledd.core.exchange.MessageEnvelope;
import no.bindeledd.core.exchange.ParticipantPlan;
import no.bindeledd.web.ApiEndpoints;
import no.bindeledd.web.LargestBodies;
import no.bindeledd.web.it.HubClient.Reply;
import no.bindeledd.web.it.RawHttp.Abandoned;
import no.bindeledd.web.it.RawHttp.Answer;
import no.bindeledd.web.it.RawHttp.Body;
import no.bindeledd.web.limits.BodyLimits;
import no.bindeledd.web.limits.RequestLimitsFilter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What is too large is refused before it is read: a body over its endpoint's limit (413), a
 * request-target over 8 KiB (414), a header section over 16 KiB or 100 fields (431), each as a
 * problem detail and at once. Four concurrent 50 MiB bodies to every endpoint leave the hub's heap
 * as it was; the hub runs with the run profile's heap here, as {@link RunningHub} starts it.
 */
class RequestLimitsIT {

  private static final long FIFTY_MIB = 50L * 1024 * 1024;

  /** Far more than an answer at once takes, far less than 50 MiB takes to arrive. */
  private static final Duration AT_ONCE = Duration.ofSeconds(5);

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  static RunningHub hub;
  static HubClient caseworker;
  static String token;
  static String administratorToken;

  /** One endpoint that takes a body, made concrete: a path, a media type and a body to start. */
  record Target(String path, String mediaType, String bodyStart, char filler, int limit) {

    /**
     * The request head, as a caller who may use the endpoint: anyone else is refused for their role
     * before the body is read, which would say nothing of its limit.
     */
    String head(String method) {
      String token = path.contains("/certificates") ? administratorToken : RequestLimitsIT.token;
      return method
          + " "
          + path
          + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
          + mediaType
          + "\r\nAuthorization: Bearer "
          + token;
    }

    @Override
    public String toString() {
      return path;
    }
  }

  static List<Target> targets() {
    return BodyLimits.endpoints().stream().map(RequestLimitsIT::target).toList();
  }

  private static Target target(BodyLimits.Endpoint endpoint) {
    String mediaType =
        ApiEndpoints.all().stream()
            .filter(e -> e.method().equals(endpoint.method()))
            .filter(e -> e.pathShape().equals(ApiEndpoints.shapeOf(endpoint.path())))
            .findFirst()
            .orElseThrow()
            .consumes()
            .get(0);
    String path =
        endpoint
            .path()
            .replace("{orgNumber}", Demo.HTTP_GP_OFFICE)
            .replaceAll("\\{[^}]*}", "00000000-0000-0000-0000-000000000000");
    if (mediaType.endsWith("json")) {
      // A string that goes on and on: the reader has to read it to its end, or to the limit.
      return new Target(path, mediaType, "{\"question\":\"", 'x', endpoint.maxBytes());
    }
    if (mediaType.equals("application/x-www-form-urlencoded")) {
      return new Target(path, mediaType, "username=", 'x', endpoint.maxBytes());
    }
    return new Target(path, mediaType, "", '0', endpoint.maxBytes());
  }

  @BeforeAll
  static void setUp() {
    hub = RunningHub.get();
    caseworker = hub.as(CASEWORKER);
    token = caseworker.token();
    administratorToken = hub.as(AgencyCertificatesIT.ADMINISTRATOR).token();
  }

  private static void assertTooLarge(Answer answer, Target target) {
    assertThat(answer.status()).as(target + ": " + answer).isEqualTo(413);
    assertThat(answer.isProblem()).as(answer.toString()).isTrue();
    assertThat(answer.json().getString("type")).endsWith("/body-too-large");
    assertThat(answer.json().getString("detail")).contains(String.valueOf(target.limit()));
    assertThat(answer.headers()).containsEntry("connection", "close");
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aDeclaredLengthOverTheLimitIsAnsweredAtOnceWithoutTheBodyBeingSent(Target target) {
    Answer answer =
        RawHttp.send(
            hub.base(), target.head("POST"), Body.declaredButNeverSent(FIFTY_MIB), false, TIMEOUT);

    assertTooLarge(answer, target);
    assertThat(answer.took()).as("answered at once").isLessThan(AT_ONCE);
    assertThat(answer.sentInAll()).isZero();
  }

  /**
   * How long the HTTP layer waits for a body's next bytes ({@code config/payara/preboot.asadmin}),
   * and the time a stalled request may take in all to be answered and closed.
   */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long the HTTP layer keeps a connection with nothing to do (Payara's default), here after
   * the answer to a body that stopped arriving, while it waits for the rest.
   */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** Time to spare on a busy machine. */
  private static final Duration SLACK = Duration.ofSeconds(8);

  private static void assertEndedAsStalled(Abandoned stalled) {
    Answer answer = stalled.answer().orElseThrow(() -> new AssertionError(stalled.toString()));
    assertThat(answer.status()).as(stalled.toString()).isEqualTo(408);
    assertThat(answer.isProblem()).as(stalled.toString()).isTrue();
    assertThat(answer.json().getString("type")).endsWith("/body-timeout");
    assertThat(answer.headers()).containsEntry("connection", "close");
    assertThat(answer.took())
        .as("answered once the read timed out, and the worker freed")
        .isLessThan(READ_TIMEOUT.plus(SLACK));
    assertThat(stalled.closedAfter())
        .as("the hub closed the connection: " + stalled)
        .hasValueSatisfying(
            d -> assertThat(d).isLessThan(READ_TIMEOUT.plus(IDLE_TIMEOUT).plus(SLACK)));
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aHeadDeclaringTooMuchIsAnsweredAndClosedWithoutWaitingForTheBody(Target target) {
    Abandoned abandoned =
        RawHttp.sendAndStall(
            hub.base(),
            target.head("POST") + "\r\nContent-Length: " + FIFTY_MIB + "\r\n\r\n",
            TIMEOUT);

    Answer answer = abandoned.answer().orElseThrow(() -> new AssertionError(abandoned.toString()));
    assertTooLarge(answer, target);
    assertThat(answer.took()).as("answered at once").isLessThan(AT_ONCE);
    assertThat(abandoned.closedAfter())
        .as("closed at once, not waiting for the body: " + abandoned)
        .hasValueSatisfying(d -> assertThat(d).isLessThan(AT_ONCE));
  }

  @Test
  void manyClientsThatStopSendingAreAnswered408AndClosedWhileANormalRequestIsServed()
      throws Exception {
    int stalledClients = 100;
    ExecutorService clients = Executors.newFixedThreadPool(stalledClients);
    try {
      CountDownLatch allSent = new CountDownLatch(stalledClients);
      List<Future<Abandoned>> stalled = new ArrayList<>();
      for (int i = 0; i < stalledClients; i++) {
        String head = targets().get(0).head("POST");
        // A body that stops arriving, declared or in chunks, and a first chunk larger than the
        // limit whose bytes never come.
        String request =
            switch (i % 3) {
              case 0 -> head + "\r\nContent-Length: 100\r\n\r\n{\"question\":\"";
              case 1 -> head + "\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"question\":\"";
              default ->
                  head
                      + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + Long.toHexString(FIFTY_MIB)
                      + "\r\n";
            };
        stalled.add(
            clients.submit(
                () -> RawHttp.sendAndStall(hub.base(), request, TIMEOUT, allSent::countDown)));
      }
      assertThat(allSent.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

      long started = System.nanoTime();
      Reply agencies = caseworker.get("/api/agencies");
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(agencies.status()).as(agencies.toString()).isEqualTo(200);
      assertThat(took).as("a normal request beside the stalled ones").isLessThan(AT_ONCE);

      for (Future<Abandoned> client : stalled) {
        assertEndedAsStalled(client.get());
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aBodyWithoutADeclaredLengthIsCutOffAtTheLimit(Target target) {
    Answer answer =
        RawHttp.send(
            hub.base(),
            target.head("POST"),
            Body.endless(target.bodyStart(), target.filler()),
            false,
            TIMEOUT);

    assertTooLarge(answer, target);
    assertThat(answer.sentWhenAnswered())
        .as("the hub read up to the limit before it answered")
        .isGreaterThan(target.limit());
  }

  @Test
  void fourConcurrent50MiBBodiesToEveryEndpointAreRefusedAndTheHeapStaysFlat() throws Exception {
    List<Target> targets = targets();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try (HubMemory memory = HubMemory.of(hub)) {
      // Once at a small size, so that what the hub loads on first use is not counted.
      flood(clients, targets, 1024 * 1024);
      long retainedBefore = memory.retainedAfterCollection();
      long oldBefore = memory.oldGenerationUsed();
      memory.resetPeaks();

      List<Answer> answers = flood(clients, targets, FIFTY_MIB);

      long oldPeak = memory.oldGenerationPeak();
      long retainedAfter = memory.retainedAfterCollection();
      assertThat(answers).hasSize(4 * targets.size());
      for (int i = 0; i < answers.size(); i++) {
        assertTooLarge(answers.get(i), targets.get(i / 4));
      }
      assertThat(answers)
          .as("the hub closed each connection after its answer instead of reading the rest")
          .allSatisfy(a -> assertThat(a.sentInAll()).isLessThan(FIFTY_MIB));
      // One 50 MiB body held whole as text is 100 MiB of characters; four are twice the bound.
      assertThat(oldPeak - oldBefore)
          .as("the old generation's growth at its peak, of %d MiB heap", memory.maxHeap() / MIB)
          .isLessThan(200 * MIB);
      assertThat(retainedAfter - retainedBefore)
          .as("what the hub still holds after the flood")
          .isLessThan(32 * MIB);
    } finally {
      clients.shutdownNow();
    }
    assertThat(hub.log()).doesNotContain("OutOfMemoryError");
    Reply registered =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    assertThat(registered.status()).as("the hub serves normally after").isEqualTo(201);
    assertThat(caseworker.get("/api/agencies").status()).isEqualTo(200);
  }

  private static final long MIB = HubMemory.MIB;

  /** Four bodies of {@code size} to each target at once, two with a declared length. */
  private static List<Answer> flood(ExecutorService clients, List<Target> targets, long size)
      throws Exception {
    List<Answer> answers = new ArrayList<>();
    for (Target target : targets) {
      List<Future<Answer>> sent = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Body body =
            i < 2
                ? Body.declared(size, target.bodyStart(), target.filler())
                : Body.chunked(size, target.bodyStart(), target.filler());
        sent.add(
            clients.submit(
                () -> RawHttp.send(hub.base(), target.head("POST"), body, true, TIMEOUT)));
      }
      for (Future<Answer> answer : sent) {
        answers.add(answer.get());
      }
    }
    return answers;
  }

  @Test
  void overHttp2FourConcurrent50MiBBodiesAreRefusedAndTheConnectionStays() throws Exception {
    HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> upgraded =
        http2.send(
            HttpRequest.newBuilder(hub.base().resolve("/api/agencies"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);

    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sent.add(
          http2.sendAsync(
              HttpRequest.newBuilder(hub.base().resolve("/api/requests"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.fromPublisher(
                          HttpRequest.BodyPublishers.ofInputStream(
                              () -> new Generated("{\"question\":\"", 'x', FIFTY_MIB)),
                          FIFTY_MIB))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }

    for (CompletableFuture<HttpResponse<String>> answer : sent) {
      HttpResponse<String> response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
      assertThat(response.body()).contains("/body-too-large");
    }
    HttpResponse<String> after =
        http2.send(
            HttpRequest.newBuilder(hub.base().resolve("/api/agencies"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode()).isEqualTo(200);
  }

  /** {@code length} bytes, made as they are read: {@code prefix}, then {@code filler}. */
  private static final class Generated extends InputStream {
    private final byte[] prefix;
    private final byte filler;
    private final long length;
    private long position;

    Generated(String prefix, char filler, long length) {
      this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
      this.filler = (byte) filler;
      this.length = length;
    }

    @Override
    public int read() {
      if (position >= length) {
        return -1;
      }
      long at = position++;
      return at < prefix.length ? prefix[(int) at] : filler;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
      if (position >= length) {
        return -1;
      }
      int n = (int) Math.min(count, length - position);
      for (int i = 0; i < n; i++) {
        long at = position + i;
        buffer[offset + i] = at < prefix.length ? prefix[(int) at] : filler;
      }
      position += n;
      return n;
    }
  }

  @Test
  void theLargestValidQuestionAndPlanAreTaken() {
    String participant =
        caseworker
            .post("/api/participants", Demo.participantJson(Demo.adultNationalId()))
            .json()
            .getString("id");
    assertThat(caseworker.post("/api/consents", Demo.gpConsentJson(participant)).status())
        .isEqualTo(201);
    Reply navConsent = caseworker.post("/api/consents", navConsentJson(participant));
    assertThat(navConsent.status()).as(navConsent.toString()).isEqualTo(201);
    String question =
        "{\"recipient\":"
            + LargestBodies.escaped(Demo.GP_OFFICE)
            + ",\"subjectId\":"
            + LargestBodies.escaped(participant)
            + ",\"category\":"
            + LargestBodies.escaped("referral-status")
            + ",\"purpose\":"
            + LargestBodies.escaped("introduction-programme-follow-up")
            + ",\"question\":"
            + LargestBodies.escaped("\u0645".repeat(MessageEnvelope.MAX_BODY_LENGTH))
            + "}";
    ParticipantPlan largestPlan = LargestBodies.largestPlan();
    String plan = LargestBodies.plan(participant, Demo.NAV, largestPlan);

    Reply asked = caseworker.post("/api/requests", question);
    Reply shared = caseworker.post("/api/plans", plan);

    assertThat(question.length()).isGreaterThan(BodyLimits.JSON);
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    assertThat(plan.length()).isGreaterThan(BodyLimits.JSON);
    assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
    assertThat(shared.json().getString("body")).isEqualTo(largestPlan.toJson());
  }

  private static String navConsentJson(String participant) {
    return """
        {"subjectId":"%s","disclosingAgency":"%s","receivingAgency":"%s",
         "categories":["participant-plan"],"purpose":"participant-plan-sharing","validForDays":365,
         "evidence":{"collectionMethod":"paper-form",
           "formSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           "textLanguage":"ar"}}"""
        .formatted(participant, Demo.REFUGEE_SERVICE, Demo.NAV);
  }

  static Stream<Integer> queryLengths() {
    return Stream.of(RequestLimitsFilter.MAX_TARGET + 1, 1024 * 1024);
  }

  @ParameterizedTest
  @MethodSource("queryLengths")
  void aRequestTargetOver8KiBIsUriTooLong(int length) {
    String path = "/api/audit/entries?person=";
    Answer answer =
        RawHttp.send(
            hub.base(),
            "GET " + path + "x".repeat(length - path.length() + 1) + " HTTP/1.1\r\nHost: localhost",
            Body.NONE,
            false,
            TIMEOUT);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(414);
    assertThat(answer.isProblem()).isTrue();
    assertThat(answer.json().getString("type")).endsWith("/uri-too-long");
    assertThat(answer.json().getString("instance")).isEqualTo("/api/audit/entries");
    assertThat(answer.took()).isLessThan(AT_ONCE);
  }

  @Test
  void aRequestTargetJustWithinTheLimitIsServed() {
    String path = "/api/agencies?unused=";
    Answer answer =
        RawHttp.send(
            hub.base(),
            "GET "
                + path
                + "x".repeat(RequestLimitsFilter.MAX_TARGET - path.length())
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token,
            Body.NONE,
            false,
            TIMEOUT);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  @Test
  void aHeaderOf200KBIsRequestHeaderFieldsTooLargeAndNamed() {
    Answer answer =
        RawHttp.send(
            hub.base(),
            "GET /api/agencies HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(200_000),
            Body.NONE,
            false,
            TIMEOUT);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(431);
    assertThat(answer.isProblem()).isTrue();
    assertThat(answer.json().getString("type")).endsWith("/headers-too-large");
    assertThat(answer.json().getString("detail")).contains("x-padding");
    assertThat(answer.took()).isLessThan(AT_ONCE);
  }

  @Test
  void moreThan100HeaderFieldsAreRequestHeaderFieldsTooLarge() {
    StringBuilder head = new StringBuilder("GET /api/agencies HTTP/1.1\r\nHost: localhost");
    for (int i = 0; i < RequestLimitsFilter.MAX_FIELDS; i++) {
      head.append("\r\nX-Field-").append(i).append(": ").append(i);
    }

    Answer answer = RawHttp.send(hub.base(), head.toString(), Body.NONE, false, TIMEOUT);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(431);
    assertThat(answer.json().getString("detail")).contains("101 header fields");
  }

  @Test
  void theLimitsApplyOutsideTheApiToo() {
    Answer answer =
        RawHttp.send(
            URI.create(hub.base().toString()),
            "GET /?q="
                + "x".repeat(RequestLimitsFilter.MAX_TARGET)
                + " HTTP/1.1\r\nHost: localhost",
            Body.NONE,
            false,
            TIMEOUT);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(414);
    assertThat(answer.isProblem()).isTrue();
  }
}
