package no.bindeledd.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

  @Test
  void aRefusedConnectionOrAServerShuttingDownIsTheDatabaseUnavailable() {
    assertThat(DatabaseUnavailable.is(new PersistenceException(new ConnectException("refused"))))
        .isTrue();
    assertThat(
            DatabaseUnavailable.is(
                new PersistenceException(
                    new SQLException(
                        "terminating connection due to administrator command", "57P01"))))
        .isTrue();
    assertThat(
            DatabaseUnavailable.is(
                new PersistenceException(
                    new SQLException("This connection has been closed.", "08003"))))
        .isTrue();
  }

  @Test
  void aConstraintViolationIsNot() {
    assertThat(
            DatabaseUnavailable.is(
                new PersistenceException(new SQLException("duplicate key", "23505"))))
        .isFalse();
    assertThat(DatabaseUnavailable.isTransactionFailure(new IllegalStateException("no"))).isFalse();
  }

  @Test
  void aLockWaitThatTimedOutOrADeadlockIsTheDatabaseBusyAndNotUnavailable() {
    PersistenceException h2LockTimeout =
        new jakarta.persistence.PessimisticLockException(
            new SQLException("Timeout trying to lock table \"AUDIT_HEAD\"", "HYT00", 50200));
    assertThat(DatabaseUnavailable.isBusy(h2LockTimeout)).isTrue();
    assertThat(DatabaseUnavailable.is(h2LockTimeout)).isFalse();
    assertThat(
            DatabaseUnavailable.isBusy(
                new PersistenceException(new SQLException("lock not available", "55P03"))))
        .isTrue();
    assertThat(
            DatabaseUnavailable.isBusy(
                new TransactionalException(
                    "rolled back",
                    new PersistenceException(new SQLException("deadlock detected", "40P01")))))
        .isTrue();
    assertThat(
            DatabaseUnavailable.isBusy(
                new PersistenceException(new SQLException("duplicate key", "23505"))))
        .isFalse();
  }

  @Test
  void aCommitOrRollbackTheTransactionManagerCouldNotCompleteIsATransactionFailure() {
    assertThat(
            DatabaseUnavailable.isTransactionFailure(
                new TransactionalException("during commit", new SystemException())))
        .isTrue();
    assertThat(
            DatabaseUnavailable.isTransactionFailure(
                new TransactionalException("during commit", new RollbackException())))
        .isTrue();
  }
}
