package no.bindeledd.core.audit.insight;

import java.time.Instant;
import java.util.List;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.person.Person;

/**
 * Everything the hub holds about one person, as of {@code madeAt}: their register entry, their
 * guardians and the children shown with them, every consent about them with its evidence and
 * history, every message about them with its content, and their access log.
 */
public record PersonalData(
    Instant madeAt,
    Person person,
    List<Person> guardians,
    List<Person> children,
    List<Consent> consents,
    List<Message> messages,
    boolean messagesComplete,
    AccessLog accessLog) {

  public PersonalData {
    guardians = List.copyOf(guardians);
    children = List.copyOf(children);
    consents = List.copyOf(consents);
    messages = List.copyOf(messages);
  }
}
