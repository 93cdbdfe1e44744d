package no.bindeledd.web.audit;

import java.util.List;

/**
 * Audit entries as CSV (RFC 4180). A cell that a spreadsheet would run as a formula is prefixed
 * with an apostrophe: the log holds text that users typed, and an export must not execute it.
 */
final class AuditCsv {

  static final String HEADER =
      "seq,recorded,type,outcome,decision,user,agency,role,person,from,to,category,purpose,"
          + "consent,reason,note,entryHash\r\n";

  private AuditCsv() {}

  static String row(AuditEntryView view) {
    List<String> cells =
        List.of(
            String.valueOf(view.seq()),
            value(view.recorded()),
            value(view.type()),
            value(view.outcome()),
            value(view.decision()),
            value(view.agent().who()),
            value(view.agent().agency()),
            value(view.agent().role()),
            value(view.subject()),
            view.flow() == null ? "" : value(view.flow().from()),
            view.flow() == null ? "" : value(view.flow().to()),
            view.flow() == null ? "" : value(view.flow().category()),
            value(view.why().purposeOfEvent()),
            value(view.why().consent()),
            value(view.reason()),
            note(view.note()),
            value(view.entryHash()));
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(cell(cells.get(i)));
    }
    return line.append("\r\n").toString();
  }

  static String cell(String value) {
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }

  private static String note(AuditEntryView.Note note) {
    if (note == null) {
      return "";
    }
    if (note.erasedAt() != null) {
      return "(erased " + note.erasedAt() + ")";
    }
    if (note.altered() != null) {
      return "(altered: " + note.altered() + ")";
    }
    return note.text();
  }

  private static String value(String text) {
    return text == null ? "" : text;
  }
}
