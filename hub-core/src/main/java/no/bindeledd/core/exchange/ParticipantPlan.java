package no.bindeledd.core.exchange;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.text.TextKind;

/**
 * A participant's plan (individual plan / integration contract): when it starts, and its phases,
 * each with the measures it holds, such as Norwegian classes or language practice at a workplace.
 * Stored and signed as a small JSON document in the message that shares it.
 */
public record ParticipantPlan(LocalDate startDate, List<Phase> phases) {

  static final int MAX_PHASES = 20;
  static final int MAX_MEASURES = 20;
  static final int MAX_TEXT = 500;

  public record Phase(String title, LocalDate from, LocalDate to, List<Measure> measures) {}

  /** One measure, and when it happens in plain words ("two days a week"). */
  public record Measure(String description, String schedule) {}

  public ParticipantPlan {
    if (startDate == null) {
      throw new InvalidInput("a plan needs a start date");
    }
    if (phases == null || phases.isEmpty() || phases.size() > MAX_PHASES) {
      throw new InvalidInput("a plan has from 1 to " + MAX_PHASES + " phases");
    }
    for (int p = 0; p < phases.size(); p++) {
      Phase phase = phases.get(p);
      String at = "phases[" + p + "]";
      text(phase.title(), "each phase's title");
      TextKind.SINGLE_LINE.require(at + ".title", phase.title());
      if (phase.from() == null || phase.to() == null || phase.to().isBefore(phase.from())) {
        throw new InvalidInput("each phase needs a period that ends after it starts");
      }
      if (phase.from().isBefore(startDate)) {
        throw new InvalidInput("no phase starts before the plan does");
      }
      if (phase.measures() == null
          || phase.measures().isEmpty()
          || phase.measures().size() > MAX_MEASURES) {
        throw new InvalidInput("each phase has from 1 to " + MAX_MEASURES + " measures");
      }
      for (int m = 0; m < phase.measures().size(); m++) {
        Measure measure = phase.measures().get(m);
        text(measure.description(), "each measure's description");
        if (measure.schedule() != null && measure.schedule().length() > MAX_TEXT) {
          throw new InvalidInput("a measure's schedule is at most " + MAX_TEXT + " characters");
        }
        TextKind.MULTI_LINE.require(at + ".measures[" + m + "].description", measure.description());
        TextKind.SINGLE_LINE.require(at + ".measures[" + m + "].schedule", measure.schedule());
      }
    }
    phases =
        phases.stream()
            .map(p -> new Phase(p.title(), p.from(), p.to(), List.copyOf(p.measures())))
            .toList();
  }

  public String toJson() {
    JsonArrayBuilder phaseArray = Json.createArrayBuilder();
    for (Phase phase : phases) {
      JsonArrayBuilder measureArray = Json.createArrayBuilder();
      for (Measure measure : phase.measures()) {
        var m = Json.createObjectBuilder().add("description", measure.description());
        if (measure.schedule() != null) {
          m.add("schedule", measure.schedule());
        }
        measureArray.add(m);
      }
      phaseArray.add(
          Json.createObjectBuilder()
              .add("title", phase.title())
              .add("from", phase.from().toString())
              .add("to", phase.to().toString())
              .add("measures", measureArray));
    }
    return Json.createObjectBuilder()
        .add("startDate", startDate.toString())
        .add("phases", phaseArray)
        .build()
        .toString();
  }

  public static ParticipantPlan fromJson(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonObject plan = reader.readObject();
      List<Phase> phases = new ArrayList<>();
      for (JsonValue value : plan.getJsonArray("phases")) {
        JsonObject phase = value.asJsonObject();
        List<Measure> measures = new ArrayList<>();
        JsonArray measureArray = phase.getJsonArray("measures");
        for (JsonValue m : measureArray) {
          JsonObject measure = m.asJsonObject();
          measures.add(
              new Measure(measure.getString("description"), measure.getString("schedule", null)));
        }
        phases.add(
            new Phase(
                phase.getString("title"),
                LocalDate.parse(phase.getString("from")),
                LocalDate.parse(phase.getString("to")),
                measures));
      }
      return new ParticipantPlan(LocalDate.parse(plan.getString("startDate")), phases);
    } catch (JsonException | ClassCastException | NullPointerException | DateTimeParseException e) {
      throw new InvalidInput("the plan is not a well-formed participant plan");
    }
  }

  private static void text(String value, String what) {
    if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
      throw new InvalidInput(what + " is required and at most " + MAX_TEXT + " characters");
    }
  }
}
