package no.bindeledd.web.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's walkthrough as a newcomer runs it: every {@code ```sh} block of its section, in
 * order, run by bash in a folder that is not the checkout. The lines marked {@code # →} show what a
 * command prints; {@code ...} in them stands for anything (ids, times). Nothing here is a copy of
 * the README: whatever the section says, this runs.
 */
final class ReadmeWalkthrough {

  static final String SECTION = "## Walkthrough";
  static final String EXPECTED = "# →";
  private static final String MARKER = "\u001e";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

  /** One command of the walkthrough (possibly several lines), and the output it should print. */
  record Command(int number, String text, List<String> expected) {
    String firstLine() {
      return text.lines().findFirst().orElse("");
    }
  }

  /** What one command printed, standard output and error together. */
  record Result(Command command, String output) {
    boolean matches() {
      return command.expected().isEmpty()
          || matchesPattern(
              normalise(String.join("\n", command.expected())), normalise(output), true);
    }
  }

  private final List<Command> commands;

  private ReadmeWalkthrough(List<Command> commands) {
    this.commands = commands;
  }

  static ReadmeWalkthrough from(Path readme) throws IOException, InterruptedException {
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int start = text.indexOf(SECTION);
    if (start < 0) {
      throw new IllegalStateException("README.md has no section " + SECTION);
    }
    int end = text.indexOf("\n## ", start + SECTION.length());
    String section = text.substring(start, end < 0 ? text.length() : end);
    List<String> lines = new ArrayList<>();
    Matcher block = BLOCK.matcher(section);
    while (block.find()) {
      lines.addAll(block.group(1).lines().toList());
    }
    return new ReadmeWalkthrough(split(lines));
  }

  List<Command> commands() {
    return commands;
  }

  /**
   * Splits the lines into whole commands: a command ends where bash can parse what came so far
   * ({@code bash -n}), so a command over several lines (a quoted JSON body, a continued line) stays
   * one. An expectation belongs to the command before it.
   */
  private static List<Command> split(List<String> lines) throws IOException, InterruptedException {
    List<Command> commands = new ArrayList<>();
    List<String> current = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    String pending = null;
    for (String line : lines) {
      String trimmed = line.strip();
      if (current.isEmpty() && trimmed.startsWith(EXPECTED)) {
        if (pending == null) {
          throw new IllegalStateException("an expected output before any command: " + line);
        }
        expected.add(trimmed.substring(EXPECTED.length()).strip());
        continue;
      }
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      current.add(line);
      String text = String.join("\n", current);
      if (!trimmed.endsWith("\\") && parses(text)) {
        if (pending != null) {
          commands.add(new Command(commands.size() + 1, pending, List.copyOf(expected)));
        }
        pending = text;
        expected.clear();
        current.clear();
      }
    }
    if (!current.isEmpty()) {
      throw new IllegalStateException("the walkthrough ends inside a command: " + current);
    }
    if (pending != null) {
      commands.add(new Command(commands.size() + 1, pending, List.copyOf(expected)));
    }
    return commands;
  }

  private static boolean parses(String text) throws IOException, InterruptedException {
    Process check =
        new ProcessBuilder("bash", "-n", "-c", text)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return check.waitFor() == 0;
  }

  /**
   * Runs the walkthrough once with bash in {@code folder}, with the README's address of the hub
   * replaced by {@code hub} and {@code environment} added, and returns what each command printed.
   */
  List<Result> run(String hub, Path folder, Map<String, String> environment)
      throws IOException, InterruptedException {
    StringBuilder script = new StringBuilder("exec 2>&1\n");
    for (Command command : commands) {
      script.append("printf '").append(MARKER).append("%d\\n' ").append(command.number());
      script.append('\n').append(command.text().replace("http://localhost:8080", hub));
      script.append('\n');
    }
    script.append("printf '").append(MARKER).append("end\\n'\n");
    ProcessBuilder bash =
        new ProcessBuilder("bash", "-c", script.toString())
            .directory(folder.toFile())
            .redirectErrorStream(true);
    bash.environment().putAll(environment);
    Process process = bash.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the walkthrough did not end within " + TIMEOUT);
    }
    String printed = new String(out, StandardCharsets.UTF_8);
    List<Result> results = new ArrayList<>();
    String[] parts = printed.split(MARKER, -1);
    Map<String, String> byNumber = new java.util.HashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int newline = parts[i].indexOf('\n');
      if (newline >= 0) {
        byNumber.put(parts[i].substring(0, newline), parts[i].substring(newline + 1));
      }
    }
    for (Command command : commands) {
      String output = byNumber.get(String.valueOf(command.number()));
      if (output == null) {
        throw new IllegalStateException(
            "the walkthrough stopped before command "
                + command.number()
                + " ("
                + command.firstLine()
                + "); it printed:\n"
                + printed);
      }
      results.add(new Result(command, output));
    }
    return results;
  }

  /**
   * Output as compared: trailing white space gone, and JSON written compactly, as {@code jq -c}
   * writes it, so that the README can show pretty-printed output on one line.
   */
  static String normalise(String output) {
    String text = output.strip();
    if (text.startsWith("{") || text.startsWith("[")) {
      String compact = compactJson(text);
      if (compact != null) {
        return compact;
      }
    }
    return text.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  /** JSON values without the white space between their tokens, one value a line; null if not. */
  private static String compactJson(String text) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        out.append(c);
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (Character.isWhitespace(c)) {
        continue;
      }
      if (depth == 0 && !out.isEmpty()) {
        if (c != '{' && c != '[') {
          return null;
        }
        out.append('\n');
      }
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> depth++;
        case '}', ']' -> depth--;
        default -> {}
      }
      if (depth < 0) {
        return null;
      }
      out.append(c);
    }
    return depth == 0 && !inString ? out.toString() : null;
  }

  /** Whether {@code actual} is {@code expected}, where each {@code ...} stands for any text. */
  static boolean matchesPattern(String expected, String actual, boolean whole) {
    StringBuilder regex = new StringBuilder();
    String[] fragments = expected.split(Pattern.quote("..."), -1);
    for (int i = 0; i < fragments.length; i++) {
      if (i > 0) {
        regex.append("(?s:.*?)");
      }
      regex.append(Pattern.quote(fragments[i]));
    }
    Matcher matcher = Pattern.compile(regex.toString()).matcher(actual);
    return whole ? matcher.matches() : matcher.find();
  }
}
