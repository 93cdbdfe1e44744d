package no.bindeledd.connectors.gp.format;

import java.time.Instant;

/**
 * A message the hub exchanges with GP offices: a dialog request, its answer, a note that opens a
 * conversation, or a receipt.
 */
public sealed interface GpMessage permits DialogRequest, DialogAnswer, DialogNote, AppRec {

  /** The message's own id (MsgHead MsgId, AppRec Id), unique per sender. */
  String msgId();

  /** When the sender generated the message. */
  Instant generated();

  Party sender();

  Party receiver();

  /**
   * The message type code of code list 8279: DIALOG_FORESPORSEL, DIALOG_SVAR, DIALOG_NOTAT,
   * DIALOG_HELSEFAGLIG or APPREC.
   */
  String messageType();
}
