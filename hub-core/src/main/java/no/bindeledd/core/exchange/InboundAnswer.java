package no.bindeledd.core.exchange;

import java.time.Instant;

/**
 * An answer as an agency's system sent it, read from its own format: its id, the conversation and
 * request it answers, who it is for, the person it is about (by national identity number), and the
 * answer itself. Ids may be GUIDs in any letter case ({@link MessageIds}).
 *
 * @param recipientAgency the organisation number it is addressed to, or null if it names none
 * @param recipientHerId the HER-id it is addressed to, or null if it names none
 */
public record InboundAnswer(
    String messageId,
    String conversationId,
    String inReplyTo,
    String recipientAgency,
    String recipientHerId,
    String subjectNationalId,
    Instant sentAt,
    String text) {}
