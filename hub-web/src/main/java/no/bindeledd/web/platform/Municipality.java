package no.bindeledd.web.platform;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * A municipality's configuration: its agencies and, for the embedded profile, the demo users of the
 * development identity provider. Read from a JSON file in {@code config/}; a mistake in it stops
 * the hub at start with a message naming the entry.
 */
public record Municipality(String name, List<AgencyEntry> agencies, List<DemoUser> demoUsers) {

  public record AgencyEntry(
      OrganisationNumber orgNumber, String name, AgencyKind kind, String herId) {}

  public record DemoUser(
      String username, String displayName, Role role, OrganisationNumber agency) {}

  public static Municipality read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonReader json = Json.createReader(reader)) {
      return from(json.readObject());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the municipality file " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the municipality file " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  static Municipality from(JsonObject json) {
    List<AgencyEntry> agencies = new ArrayList<>();
    Set<OrganisationNumber> seen = new HashSet<>();
    for (JsonValue value : json.getJsonArray("agencies")) {
      JsonObject a = value.asJsonObject();
      OrganisationNumber org = OrganisationNumber.of(a.getString("orgNumber"));
      if (!seen.add(org)) {
        throw new InvalidInput("agency " + org + " is listed twice");
      }
      AgencyKind kind = AgencyKind.valueOf(a.getString("kind").toUpperCase(Locale.ROOT));
      agencies.add(new AgencyEntry(org, a.getString("name"), kind, a.getString("herId", null)));
    }
    List<DemoUser> users = new ArrayList<>();
    for (JsonValue value : json.getJsonArray("demoUsers")) {
      JsonObject u = value.asJsonObject();
      Role role =
          Role.fromCode(u.getString("role"))
              .orElseThrow(() -> new InvalidInput("unknown role " + u.getString("role")));
      OrganisationNumber agency = OrganisationNumber.of(u.getString("agency"));
      AgencyEntry at =
          agencies.stream()
              .filter(a -> a.orgNumber().equals(agency))
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidInput(
                          "user " + u.getString("username") + " works at an unknown agency"));
      if (role.agencyKind().isPresent() && role.agencyKind().get() != at.kind()) {
        throw new InvalidInput(
            "user " + u.getString("username") + " has a role that does not belong at " + at.name());
      }
      users.add(new DemoUser(u.getString("username"), u.getString("name"), role, agency));
    }
    return new Municipality(json.getString("name"), List.copyOf(agencies), List.copyOf(users));
  }
}
