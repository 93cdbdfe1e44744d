package no.bindeledd.core.exchange;

import java.time.Instant;

/**
 * An answer as an agency's system sent it, read from its own format: its id, the conversation and
 * request it answers, who it is for, the person it is about (by national identity number), and the
 * answer itself.
 */
public record InboundAnswer(
    String messageId,
    String conversationId,
    String inReplyTo,
    String recipientAgency,
    String subjectNationalId,
    Instant sentAt,
    String text) {}
