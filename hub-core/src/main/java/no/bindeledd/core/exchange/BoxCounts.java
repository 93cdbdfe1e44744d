package no.bindeledd.core.exchange;

/**
 * What waits for an agency's staff: messages in the inbox not yet marked read, and messages in the
 * sent list whose outcome (held, failed, expired, declined) nobody there has marked seen.
 */
public record BoxCounts(long unreadInInbox, long sentNeedingAttention) {}
