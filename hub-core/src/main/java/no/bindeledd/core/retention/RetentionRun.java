package no.bindeledd.core.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.retention.RetentionPeriods.Category;

/**
 * One run of the retention rules (ADR 0035): erases the messages that settled longer ago than their
 * period, then the people whose last activity is longer ago than theirs, then the audit notes
 * recorded longer ago than theirs. Each batch, page and person is a transaction of its own ({@link
 * RetentionSteps}, {@link PersonErasure}), so a run stopped half-way has erased some and harmed
 * none, and the next run goes on. A person with a consent in force or a message still on its way is
 * not erased, whatever their age.
 */
@ApplicationScoped
public class RetentionRun {

  private static final Logger LOG = Logger.getLogger(RetentionRun.class.getName());

  /** Messages erased per transaction, and people read per page. */
  static final int BATCH = 200;

  private RetentionPeriods periods;
  private RetentionSteps steps;
  private PersonErasure personErasure;
  private Clock clock;

  protected RetentionRun() {}

  @Inject
  public RetentionRun(
      RetentionPeriods periods, RetentionSteps steps, PersonErasure personErasure, Clock clock) {
    this.periods = periods;
    this.steps = steps;
    this.personErasure = personErasure;
    this.clock = clock;
  }

  /** What one run erased. */
  public record Outcome(int messages, int people, int notes) {
    public boolean erasedAny() {
      return messages + people + notes > 0;
    }
  }

  public Outcome run() {
    Instant now = clock.instant();
    int erasedMessages = eraseMessages(periods.cutoff(Category.MESSAGE, now));
    int erasedPeople = erasePeople(periods.cutoff(Category.PERSON, now), now);
    int erasedNotes = steps.eraseNotesRecordedBefore(periods.cutoff(Category.AUDIT_NOTE, now));
    return new Outcome(erasedMessages, erasedPeople, erasedNotes);
  }

  private int eraseMessages(Instant cutoff) {
    int total = 0;
    int erased;
    do {
      erased = steps.eraseMessagesSettledBefore(cutoff, BATCH);
      total += erased;
    } while (erased == BATCH);
    return total;
  }

  private int erasePeople(Instant cutoff, Instant now) {
    int erased = 0;
    RetentionSteps.PeoplePage page = new RetentionSteps.PeoplePage(java.util.List.of(), null, true);
    while (page.more()) {
      page = steps.peopleDue(cutoff, now, page.lastId(), BATCH);
      for (String personId : page.due()) {
        try {
          personErasure.onRetentionEnded(Actor.hub(), personId);
          erased++;
        } catch (Conflict e) {
          // Something changed since it was read (a new consent, say): the next run looks again.
          LOG.log(
              Level.INFO,
              "Person {0} was not erased: {1}",
              new Object[] {personId, e.getMessage()});
        }
      }
    }
    return erased;
  }
}
