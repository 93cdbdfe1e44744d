package no.bindeledd.web;

import jakarta.validation.constraints.Size;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.bindeledd.core.exchange.MessageEnvelope;
import no.bindeledd.core.exchange.ParticipantPlan;
import no.bindeledd.web.exchange.PlansResource;

/**
 * The largest request bodies the API must take, as JSON with every character escaped (six bytes
 * each, as JSON's backslash-u escape): what a client that escapes everything beyond ASCII sends for
 * the longest texts the rules allow.
 */
public final class LargestBodies {

  /** A letter outside ASCII, as its escape. */
  private static final String ESCAPED = "\\u0645";

  private static final int TEXT = 500;

  private LargestBodies() {}

  /** The largest body of a request class: every field at its longest. */
  public static String of(Class<?> type) {
    return type == PlansResource.PlanRequest.class
        ? plan("00000000-0000-0000-0000-000000000000", "311000047", largestPlan())
        : object(type);
  }

  /**
   * The plan with the most text the hub takes: one phase whose measures fill the 16,000 characters
   * a message body may have, as the hub writes the plan ({@link ParticipantPlan#toJson()}).
   */
  public static ParticipantPlan largestPlan() {
    String full = "\u0645".repeat(TEXT);
    List<ParticipantPlan.Measure> measures = new ArrayList<>();
    while (fits(plan(full, measures, new ParticipantPlan.Measure(full, full)))) {
      measures.add(new ParticipantPlan.Measure(full, full));
    }
    // Then one more measure with as much text as still fits.
    List<ParticipantPlan.Measure> last = new ArrayList<>();
    for (int length = TEXT; length > 0; length--) {
      last.add(new ParticipantPlan.Measure(full, full.substring(0, length)));
    }
    for (int length = TEXT; length > 0; length--) {
      last.add(new ParticipantPlan.Measure(full.substring(0, length), null));
    }
    return last.stream()
        .map(measure -> plan(full, measures, measure))
        .filter(LargestBodies::fits)
        .findFirst()
        .orElse(plan(full, measures, null));
  }

  private static ParticipantPlan plan(
      String title, List<ParticipantPlan.Measure> measures, ParticipantPlan.Measure more) {
    LocalDate start = LocalDate.of(2027, 1, 4);
    List<ParticipantPlan.Measure> all = new ArrayList<>(measures);
    if (more != null) {
      all.add(more);
    }
    return new ParticipantPlan(
        start, List.of(new ParticipantPlan.Phase(title, start, start.plusMonths(6), all)));
  }

  private static boolean fits(ParticipantPlan plan) {
    return plan.toJson().length() <= MessageEnvelope.MAX_BODY_LENGTH;
  }

  /** The request body that shares {@code plan}, every character escaped. */
  public static String plan(String subjectId, String recipient, ParticipantPlan plan) {
    return "{\"subjectId\":"
        + escaped(subjectId)
        + ",\"recipient\":"
        + escaped(recipient)
        + ",\"startDate\":"
        + escaped(plan.startDate().toString())
        + ",\"phases\":"
        + plan.phases().stream()
            .map(
                phase ->
                    "{\"title\":"
                        + escaped(phase.title())
                        + ",\"from\":"
                        + escaped(phase.from().toString())
                        + ",\"to\":"
                        + escaped(phase.to().toString())
                        + ",\"measures\":"
                        + phase.measures().stream()
                            .map(
                                m ->
                                    "{\"description\":"
                                        + escaped(m.description())
                                        + (m.schedule() == null
                                            ? ""
                                            : ",\"schedule\":" + escaped(m.schedule()))
                                        + "}")
                            .collect(Collectors.joining(",", "[", "]"))
                        + "}")
            .collect(Collectors.joining(",", "[", "]"))
        + "}";
  }

  /** {@code text} as a JSON string with every character escaped. */
  public static String escaped(String text) {
    return text.chars()
        .mapToObj(c -> String.format("\\u%04x", c))
        .collect(Collectors.joining("", "\"", "\""));
  }

  private static String object(Class<?> type) {
    return Stream.of(type.getFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers()))
        .map(
            f ->
                "\"" + f.getName() + "\":" + value(f.getGenericType(), f.getAnnotation(Size.class)))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String value(Type type, Size size) {
    if (type instanceof ParameterizedType list) {
      Type element = list.getActualTypeArguments()[0];
      return Stream.generate(() -> value(element, null))
          .limit(size == null ? 1 : size.max())
          .collect(Collectors.joining(",", "[", "]"));
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return "\"" + ESCAPED.repeat(size == null ? 64 : size.max()) + "\"";
    }
    if (c == Instant.class) {
      return "\"" + Instant.MIN + "\"";
    }
    if (c == Integer.class || c == int.class) {
      return String.valueOf(Integer.MIN_VALUE);
    }
    return object(c);
  }
}
