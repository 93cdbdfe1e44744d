/**
 * What an operator watches: counts the hub reads from its own database (messages by status and
 * recipient, the audit log by action and outcome, the outbox by recipient, how far the signed
 * checkpoints lag behind the log), so that every node reports the same figures. Counts only: no
 * person, message text or identifier of a person leaves this package. It knows no metrics or health
 * library; the web module turns these figures into both.
 */
package no.bindeledd.core.operations;
