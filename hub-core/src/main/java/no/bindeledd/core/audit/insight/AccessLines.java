package no.bindeledd.core.audit.insight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.retention.ErasureGround;

/**
 * Chooses which audit entries a person sees, and as what. One line for each real access or receipt;
 * the hub's own bookkeeping stays out:
 *
 * <ul>
 *   <li>{@code message.delivered} and {@code message.transmitted}: the recipient got the message.
 *       One line per message, at the first of them, since a record system's receipt delivers again
 *       what was already handed over.
 *   <li>{@code message.opened}: someone opened it and saw its content. {@code message.read} only
 *       marks it as read and shows nothing new, so it has no line.
 *   <li>{@code person.read}, {@code consent.read}, {@code access-log.read}: someone looked.
 *   <li>{@code consent.decision} refused, with no message: a request or a plan that no consent
 *       allowed, so nothing left. An allowed decision is the hub checking; the line for what
 *       followed names the consent.
 *   <li>{@code message.held}: information was stopped. What the line says depends on what came
 *       before: stopped on its way, so that the agency never got it; or stopped when the agency,
 *       which had got it (and perhaps read it), tried to open it again after the consent was
 *       withdrawn. Every later stop of the same message in the same way adds to that line's count
 *       instead of making a line of its own.
 * </ul>
 *
 * A look by a person signed in as themselves (actor role {@code citizen}) names no agency: the line
 * says who they are to the person, themselves or a guardian.
 *
 * <p>An erasure has a line, so that the person can see what was erased and when: {@code
 * person.erased} (by the refugee service, or by the hub when the retention period ended) and {@code
 * message.erased} (one message's content, its period ended).
 *
 * <p>Sending ({@code message.sent}) has no line of its own, since nobody else has the information
 * until it is delivered; nor have failures, expiry and rejections, since nobody got anything new.
 * Registering the person and recording or withdrawing consents are changes, not accesses: the log
 * shows the consents active now instead.
 */
final class AccessLines {

  private static final Map<String, AuditAction> ACTIONS =
      Arrays.stream(AuditAction.values())
          .collect(Collectors.toUnmodifiableMap(AuditAction::code, a -> a));

  private static final Set<String> REFUSAL_CODES =
      Arrays.stream(Refusal.values()).map(Refusal::code).collect(Collectors.toUnmodifiableSet());

  private final Function<String, Optional<MessageKind>> kindOfMessage;
  private final Function<String, AccessLog.Party> party;
  private final Function<String, AccessLog.Reader> reader;
  private final Set<String> received = new HashSet<>();
  private final Set<String> read = new HashSet<>();
  private final Map<String, Integer> heldLine = new HashMap<>();
  private final Map<String, String> heldBecause = new HashMap<>();
  private final List<AccessLog.Entry> lines = new ArrayList<>();

  private AccessLines(
      Function<String, Optional<MessageKind>> kindOfMessage,
      Function<String, AccessLog.Party> party,
      Function<String, AccessLog.Reader> reader) {
    this.kindOfMessage = kindOfMessage;
    this.party = party;
    this.reader = reader;
  }

  /**
   * The lines for {@code events}, newest first.
   *
   * @param oldestFirst one person's audit entries in the order they were appended
   * @param kindOfMessage what kind a stored message is, by its id
   * @param party the agency with an organisation number; never null for a number
   * @param reader who a person signed in as themselves is to the person the log is about, by the
   *     hub's id of the reader; never null
   */
  static List<AccessLog.Entry> from(
      List<LoggedEvent> oldestFirst,
      Function<String, Optional<MessageKind>> kindOfMessage,
      Function<String, AccessLog.Party> party,
      Function<String, AccessLog.Reader> reader) {
    AccessLines choice = new AccessLines(kindOfMessage, party, reader);
    oldestFirst.forEach(choice::accept);
    List<AccessLog.Entry> newestFirst = new ArrayList<>(choice.lines);
    Collections.reverse(newestFirst);
    return List.copyOf(newestFirst);
  }

  private void accept(LoggedEvent event) {
    AuditAction action = ACTIONS.get(event.action());
    if (action == null) {
      return;
    }
    boolean success = AuditOutcome.SUCCESS.code().equals(event.outcome());
    switch (action) {
      case MESSAGE_DELIVERED, MESSAGE_TRANSMITTED -> {
        if (success && event.message() != null && received.add(event.message())) {
          AccessKind kind =
              kindOfMessage.apply(event.message()).orElse(MessageKind.ANSWER) == MessageKind.REQUEST
                  ? AccessKind.RECEIVED_QUESTION
                  : AccessKind.RECEIVED_INFORMATION;
          add(event, kind, event.to(), event.from());
        }
      }
      case MESSAGE_OPENED -> {
        if (success && event.actorPerson() == null) {
          boolean byRecipient = Objects.equals(event.actorAgency(), event.to());
          if (byRecipient && event.message() != null) {
            read.add(event.message());
          }
          add(
              event,
              AccessKind.OPENED,
              event.actorAgency(),
              byRecipient ? event.from() : event.to());
        }
      }
      case PERSON_READ -> look(event, success, AccessKind.LOOKED_UP_REGISTRATION);
      case CONSENT_READ -> look(event, success, AccessKind.LOOKED_AT_CONSENT);
      case ACCESS_LOG_READ -> look(event, success, AccessKind.LOOKED_AT_ACCESS_LOG);
      case CONSENT_DECISION -> decision(event);
      case MESSAGE_HELD -> held(event);
      case PERSON_ERASED -> {
        boolean byTheHub =
            event.reason() != null
                && event.reason().startsWith(ErasureGround.RETENTION_ENDED.code() + ":");
        add(
            event,
            byTheHub ? AccessKind.ERASED_AFTER_RETENTION : AccessKind.ERASED_ON_REQUEST,
            event.actorAgency(),
            null);
      }
      case MESSAGE_ERASED -> add(event, AccessKind.MESSAGE_ERASED, null, null);
      default -> {
        // Not an access to the person's data, or not one of its own: see the class comment.
      }
    }
  }

  private void look(LoggedEvent event, boolean success, AccessKind kind) {
    if (!success) {
      return;
    }
    String person = event.actorPerson();
    if (person == null) {
      add(event, kind, event.actorAgency(), null);
    } else {
      lines.add(entry(event, kind, null, null, null, reader.apply(person)));
    }
  }

  /**
   * A stop says what the agency had before it: nothing, the message unopened, or the message read.
   * The same stop again is counted on the line of the first.
   */
  private void held(LoggedEvent event) {
    String message = event.message();
    if (message == null) {
      return;
    }
    AccessKind kind =
        read.contains(message)
            ? AccessKind.HELD_AFTER_READ
            : received.contains(message) ? AccessKind.HELD_AFTER_RECEIVED : AccessKind.HELD;
    String key = message + "|" + kind.code();
    Integer earlier = heldLine.get(key);
    if (earlier != null) {
      lines.set(earlier, lines.get(earlier).once(event.time()));
      return;
    }
    heldLine.put(key, lines.size());
    lines.add(entry(event, kind, event.to(), event.from(), refusalOfHold(event, message), null));
  }

  /** Why a message was held: its decision's refusal code, or the hold's own reason. */
  private String refusalOfHold(LoggedEvent event, String message) {
    String because = heldBecause.get(message);
    if (because != null) {
      return because;
    }
    String reason = event.reason();
    if (reason != null && reason.startsWith("held earlier: ")) {
      return refusalCode(reason.substring("held earlier: ".length()));
    }
    return refusalCode(reason);
  }

  private void decision(LoggedEvent event) {
    String refusal = refusalCode(event.reason());
    if (AuditOutcome.HELD.code().equals(event.outcome()) && event.message() != null) {
      // The message.held entry that follows makes the line; this one may say why.
      if (refusal != null) {
        heldBecause.put(event.message(), refusal);
      }
    } else if (AuditOutcome.REFUSED.code().equals(event.outcome()) && event.message() == null) {
      // A request is decided on the flow of its answer: from the agency asked to the one asking.
      if (Objects.equals(event.actorAgency(), event.to())) {
        lines.add(
            entry(
                event,
                AccessKind.REQUEST_REFUSED,
                event.actorAgency(),
                event.from(),
                refusal,
                null));
      } else {
        lines.add(
            entry(
                event, AccessKind.SENDING_REFUSED, event.actorAgency(), event.to(), refusal, null));
      }
    }
  }

  private void add(LoggedEvent event, AccessKind kind, String agency, String counterpart) {
    lines.add(entry(event, kind, agency, counterpart, null, null));
  }

  private AccessLog.Entry entry(
      LoggedEvent event,
      AccessKind kind,
      String agency,
      String counterpart,
      String refusal,
      AccessLog.Reader byPerson) {
    return new AccessLog.Entry(
        event.seq(),
        event.time(),
        kind.code(),
        agency == null ? null : party.apply(agency),
        counterpart == null ? null : party.apply(counterpart),
        kind.isAboutAFlow() ? event.category() : null,
        kind.isAboutAFlow() ? event.purpose() : null,
        event.consent(),
        kind.isStopped() ? refusal : null,
        byPerson,
        1,
        null);
  }

  /** The refusal code a decision's reason starts with ("no-consent: ..."), if it is one. */
  static String refusalCode(String reason) {
    if (reason == null) {
      return null;
    }
    int colon = reason.indexOf(':');
    String code = colon < 0 ? reason : reason.substring(0, colon);
    return REFUSAL_CODES.contains(code) ? code : null;
  }
}
