package no.bindeledd.core.retention;

import static no.bindeledd.core.Fixtures.CASEWORKER;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.audit.AuditNotes;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.persistence.JpaAuditNotes;
import no.bindeledd.core.persistence.JpaDataKeys;
import no.bindeledd.core.person.Person;

/**
 * The town of the erasure tests: a database, the usual fixtures, a signing exchange, and the
 * erasure and retention services on them, wired by hand as the container would.
 */
final class ErasureTown implements AutoCloseable {

  final TestDatabase db = new TestDatabase();
  final Fixtures town;
  final Fixtures.ExchangeServices exchange;
  final JpaDataKeys dataKeys;
  final AuditNotes notes;
  final PersonErasure erasure;
  final RetentionSteps steps;

  ErasureTown(Path keysDir) {
    // Real certificates need the real time.
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    exchange =
        town.exchangeSigningWith(
            Fixtures.issueKeys(keysDir, Fixtures.REFUGEE_SERVICE, Fixtures.GP_OFFICE));
    dataKeys = new JpaDataKeys(db.em());
    notes = new AuditNotes(new JpaAuditNotes(db.em()), dataKeys, db.atRest(), town.clock);
    erasure =
        new PersonErasure(
            town.people,
            town.consents,
            exchange.messages(),
            dataKeys,
            db.atRest(),
            notes,
            town.audit,
            town.clock,
            town.agencies);
    steps =
        new RetentionSteps(
            exchange.messages(),
            town.people,
            town.consents,
            dataKeys,
            db.atRest(),
            notes,
            town.audit,
            town.clock);
  }

  /** The caseworker asks the GP office about {@code about}; the request is on its way. */
  Message ask(Person about) {
    return db.inTransaction(
        () ->
            exchange
                .exchange()
                .sendRequest(
                    CASEWORKER,
                    new MessageExchange.NewRequest(
                        Fixtures.GP_OFFICE,
                        about.id(),
                        DataCategory.REFERRAL_STATUS,
                        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                        "Was she sent to the clinic?")));
  }

  /** A request that failed, so that it settled. */
  Message askAndFail(Person about) {
    Message asked = ask(about);
    db.inTransaction(() -> exchange.delivery().markFailed(asked.id(), "the office is gone"));
    return asked;
  }

  @Override
  public void close() {
    db.close();
  }
}
