package no.bindeledd.web.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

  private final DeliveryLedger ledger = new DeliveryLedger();
  private final DeliveryLedger.Tally tally = new DeliveryLedger.Tally("test");

  @Test
  void aDeliveryAfterTheAnswerCountsFromTheIntendedSend() {
    ledger.accepted("m1", tally, 1_000_000, 5_000_000);
    assertThat(ledger.undelivered()).isEqualTo(1);

    ledger.delivered("m1", 41_000_000);

    assertThat(ledger.undelivered()).isZero();
    assertThat(tally.accepted()).isEqualTo(1);
    assertThat(tally.delivered()).isEqualTo(1);
    assertThat(tally.endToEnd().maxMillis()).isEqualTo(40.0);
    assertThat(ledger.lastSettledNanos()).isEqualTo(41_000_000);
  }

  @Test
  void aDeliverySeenBeforeTheSenderWasAnsweredStillCounts() {
    ledger.delivered("m1", 3_000_000);
    assertThat(ledger.undelivered()).isZero();

    ledger.accepted("m1", tally, 1_000_000, 4_000_000);

    assertThat(ledger.undelivered()).isZero();
    assertThat(tally.delivered()).isEqualTo(1);
    assertThat(tally.endToEnd().maxMillis()).isEqualTo(2.0);
    assertThat(ledger.deliveries()).isEqualTo(1);
  }

  @Test
  void aRequestThatWillNotBeDeliveredStopsWaiting() {
    ledger.accepted("m1", tally, 0, 1);
    ledger.ended("m1", 2);

    assertThat(ledger.undelivered()).isZero();
    assertThat(tally.notDelivered()).isEqualTo(1);
    assertThat(tally.delivered()).isZero();
    assertThat(tally.undelivered()).isZero();
  }

  @Test
  void aSecondDeliveryOfTheSameRequestIsNotCountedTwice() {
    ledger.accepted("m1", tally, 0, 1);
    ledger.delivered("m1", 10);

    ledger.delivered("m1", 20);
    ledger.forgetUntracked();

    assertThat(tally.delivered()).isEqualTo(1);
    assertThat(ledger.deliveries()).isEqualTo(1);
  }

  @Test
  void talliesCountApartAndTheLedgerCountsAll() {
    DeliveryLedger.Tally other = new DeliveryLedger.Tally("other");
    ledger.accepted("a", tally, 0, 1);
    ledger.accepted("b", other, 0, 1);
    ledger.accepted("c", other, 0, 1);
    ledger.delivered("b", 5);

    assertThat(ledger.undelivered()).isEqualTo(2);
    assertThat(ledger.waitingOf(tally)).containsExactly("a");
    assertThat(ledger.waitingOf(other)).containsExactly("c");
    assertThat(other.undelivered()).isEqualTo(1);
  }

  @Test
  void aDeliveryReadFromTheStatusIsCountedAsSuch() {
    ledger.accepted("m1", tally, 0, 1);

    ledger.delivered("m1", 7_000_000, true);

    assertThat(tally.byStatusRead()).isEqualTo(1);
    assertThat(tally.endToEnd().maxMillis()).isEqualTo(7.0);
  }
}
