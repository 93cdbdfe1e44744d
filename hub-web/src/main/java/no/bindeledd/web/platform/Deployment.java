package no.bindeledd.web.platform;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.bindeledd.connectors.AgencyConnection;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.crypto.ContentCipher;
import no.bindeledd.core.crypto.KeyTransport;
import no.bindeledd.core.exchange.TransitEncryption;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.web.security.AssuranceLevels;

/**
 * What one deployment serves: its municipalities, their agencies (each with the municipalities it
 * serves) and, for the embedded profile, the demo users of the development identity provider and
 * the demo participants, who sign in as citizens. Read from a JSON file in {@code config/}; a
 * mistake in it stops the hub at start with a message naming the entry. Adding a municipality is an
 * entry here, not code.
 */
public record Deployment(
    String name,
    List<MunicipalityEntry> municipalities,
    List<AgencyEntry> agencies,
    List<DemoUser> demoUsers,
    List<DemoParticipant> demoParticipants) {

  public record MunicipalityEntry(MunicipalityNumber number, String name) {}

  /**
   * @param municipalities the one a refugee service, school or kindergarten belongs to; the one or
   *     more a GP office or NAV office serves
   * @param encryption how the hub encrypts for the agency's own system, and whether it must: the
   *     entry's {@code encryption} object ({@code required}, {@code keyTransport}, {@code
   *     contentCipher}), each left out taking {@link TransitEncryption#DEFAULT}'s value
   */
  public record AgencyEntry(
      OrganisationNumber orgNumber,
      String name,
      AgencyKind kind,
      String herId,
      Set<MunicipalityNumber> municipalities,
      AgencyConnection connection,
      TransitEncryption encryption) {

    public AgencyEntry {
      municipalities = Set.copyOf(municipalities);
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

  /**
   * A demo staff member; {@code agency} is null for the administrator and for the hub's auditor,
   * who work at none.
   */
  public record DemoUser(
      String username, String displayName, Role role, OrganisationNumber agency) {}

  /**
   * A demo participant (or a participant's child), registered in the embedded profile and able to
   * sign in as a citizen with {@code username}: synthetic national identity number, invented name.
   *
   * @param guardians the user names of the participants who are this child's guardians
   * @param acr the sign-in level the development sign-in gives them (one is too low on purpose)
   * @param municipality where the participant is registered (a child is in its guardian's)
   */
  public record DemoParticipant(
      String username,
      MunicipalityNumber municipality,
      NationalId nationalId,
      String givenName,
      String familyName,
      Locale preferredLanguage,
      List<String> guardians,
      String acr) {

    public DemoParticipant {
      if (!nationalId.isSynthetic()) {
        throw new InvalidInput(
            "demo participant " + username + " needs a synthetic national identity number");
      }
      guardians = List.copyOf(guardians);
    }

    public String fullName() {
      return givenName + " " + familyName;
    }
  }

  /** The agencies of {@code kind} that serve {@code municipality}, in the file's order. */
  public List<AgencyEntry> agencies(AgencyKind kind, MunicipalityNumber municipality) {
    return agencies.stream()
        .filter(a -> a.kind() == kind && a.municipalities().contains(municipality))
        .toList();
  }

  public static Deployment read(Path file) {
    return read(file, name -> Optional.empty());
  }

  /**
   * Reads the file, filling each {@code ${name}} in a connector's settings from {@code properties},
   * so that one file can name endpoints and folders that differ between machines.
   */
  public static Deployment read(Path file, Function<String, Optional<String>> properties) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonReader json = Json.createReader(reader)) {
      return from(json.readObject(), properties);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the deployment file " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the deployment file " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  static Deployment from(JsonObject json, Function<String, Optional<String>> properties) {
    List<MunicipalityEntry> municipalities = new ArrayList<>();
    Set<MunicipalityNumber> numbers = new HashSet<>();
    JsonArray listed = json.getJsonArray("municipalities");
    if (listed == null || listed.isEmpty()) {
      throw new InvalidInput("the file lists no municipalities");
    }
    for (JsonValue value : listed) {
      JsonObject m = value.asJsonObject();
      MunicipalityNumber number = MunicipalityNumber.of(m.getString("number"));
      if (!numbers.add(number)) {
        throw new InvalidInput("municipality " + number + " is listed twice");
      }
      municipalities.add(new MunicipalityEntry(number, m.getString("name")));
    }
    List<AgencyEntry> agencies = new ArrayList<>();
    Set<OrganisationNumber> seen = new HashSet<>();
    for (JsonValue value : json.getJsonArray("agencies")) {
      JsonObject a = value.asJsonObject();
      OrganisationNumber org = OrganisationNumber.of(a.getString("orgNumber"));
      if (!seen.add(org)) {
        throw new InvalidInput("agency " + org + " is listed twice");
      }
      AgencyKind kind = AgencyKind.valueOf(a.getString("kind").toUpperCase(Locale.ROOT));
      agencies.add(
          new AgencyEntry(
              org,
              a.getString("name"),
              kind,
              a.getString("herId", null),
              served(org, kind, a.getJsonArray("municipalities"), numbers),
              connection(org, kind, a.getJsonObject("connector"), properties),
              encryption(org, a.getJsonObject("encryption"))));
    }
    for (MunicipalityEntry municipality : municipalities) {
      // A municipality's people are registered by its refugee service, and its auditor works there.
      if (agencies.stream()
          .noneMatch(
              a ->
                  a.kind() == AgencyKind.REFUGEE_SERVICE
                      && a.municipalities().contains(municipality.number()))) {
        throw new InvalidInput(
            "municipality "
                + municipality.number()
                + " ("
                + municipality.name()
                + ") has no refugee service");
      }
    }
    List<DemoUser> users = new ArrayList<>();
    // A production municipality has no demo users: its staff are at its identity provider.
    JsonArray demoUsers = json.getJsonArray("demoUsers");
    for (JsonValue value : demoUsers == null ? List.<JsonValue>of() : demoUsers) {
      JsonObject u = value.asJsonObject();
      Role role =
          Role.fromCode(u.getString("role"))
              .orElseThrow(() -> new InvalidInput("unknown role " + u.getString("role")));
      if (role == Role.ADMINISTRATOR) {
        if (u.containsKey("agency")) {
          throw new InvalidInput(
              "user " + u.getString("username") + " is an administrator, who works at no agency");
        }
        users.add(new DemoUser(u.getString("username"), u.getString("name"), role, null));
        continue;
      }
      if (role == Role.AUDITOR && !u.containsKey("agency")) {
        // The hub's auditor, who reads the hub's own log and no municipality's.
        users.add(new DemoUser(u.getString("username"), u.getString("name"), role, null));
        continue;
      }
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
      if (role == Role.AUDITOR && !at.kind().belongsToOneMunicipality()) {
        throw new InvalidInput(
            "user "
                + u.getString("username")
                + " is an auditor, who works at a municipality's own agency or at none, not at "
                + at.name());
      }
      users.add(new DemoUser(u.getString("username"), u.getString("name"), role, agency));
    }
    return new Deployment(
        json.getString("name"),
        List.copyOf(municipalities),
        List.copyOf(agencies),
        List.copyOf(users),
        participants(json.getJsonArray("demoParticipants"), users, numbers));
  }

  private static Set<MunicipalityNumber> served(
      OrganisationNumber org, AgencyKind kind, JsonArray array, Set<MunicipalityNumber> known) {
    if (array == null || array.isEmpty()) {
      throw new InvalidInput("agency " + org + " names no municipality it serves");
    }
    Set<MunicipalityNumber> served = new HashSet<>();
    for (JsonValue value : array) {
      MunicipalityNumber number = MunicipalityNumber.of(((JsonString) value).getString());
      if (!known.contains(number)) {
        throw new InvalidInput("agency " + org + " serves an unlisted municipality " + number);
      }
      served.add(number);
    }
    if (kind.belongsToOneMunicipality() && served.size() != 1) {
      throw new InvalidInput(
          "agency "
              + org
              + " is a municipality's own "
              + kind.name().toLowerCase(Locale.ROOT)
              + " and belongs to exactly one municipality");
    }
    return served;
  }

  private static List<DemoParticipant> participants(
      JsonArray array, List<DemoUser> users, Set<MunicipalityNumber> municipalities) {
    if (array == null) {
      return List.of();
    }
    Set<String> names = new HashSet<>();
    users.forEach(u -> names.add(u.username()));
    Set<NationalId> numbers = new HashSet<>();
    List<DemoParticipant> participants = new ArrayList<>();
    for (JsonValue value : array) {
      JsonObject p = value.asJsonObject();
      String username = p.getString("username");
      if (!names.add(username)) {
        throw new InvalidInput("the user name " + username + " is listed twice");
      }
      NationalId number = NationalId.of(p.getString("nationalId"));
      if (!numbers.add(number)) {
        throw new InvalidInput("demo participant " + username + " has another's national id");
      }
      MunicipalityNumber municipality = MunicipalityNumber.of(p.getString("municipality"));
      if (!municipalities.contains(municipality)) {
        throw new InvalidInput(
            "demo participant " + username + " is in an unlisted municipality " + municipality);
      }
      List<String> guardians = new ArrayList<>();
      JsonArray listed = p.getJsonArray("guardians");
      if (listed != null) {
        for (JsonValue g : listed) {
          String guardian = ((JsonString) g).getString();
          DemoParticipant found =
              participants.stream()
                  .filter(q -> q.username().equals(guardian))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new InvalidInput(
                              "demo participant "
                                  + username
                                  + " names a guardian listed nowhere before them: "
                                  + guardian));
          if (!found.municipality().equals(municipality)) {
            // A child is registered in its guardian's municipality, by that refugee service.
            throw new InvalidInput(
                "demo participant "
                    + username
                    + " is in municipality "
                    + municipality
                    + ", not in their guardian "
                    + guardian
                    + "'s "
                    + found.municipality());
          }
          guardians.add(guardian);
        }
      }
      participants.add(
          new DemoParticipant(
              username,
              municipality,
              number,
              p.getString("givenName"),
              p.getString("familyName"),
              Locale.forLanguageTag(p.getString("preferredLanguage")),
              guardians,
              p.getString("acr", AssuranceLevels.SUBSTANTIAL)));
    }
    return List.copyOf(participants);
  }

  private static TransitEncryption encryption(OrganisationNumber org, JsonObject encryption) {
    TransitEncryption defaults = TransitEncryption.DEFAULT;
    if (encryption == null) {
      return defaults;
    }
    String transport = encryption.getString("keyTransport", defaults.keyTransport().code());
    String cipher = encryption.getString("contentCipher", defaults.contentCipher().code());
    return new TransitEncryption(
        encryption.getBoolean("required", defaults.required()),
        KeyTransport.ofCode(transport)
            .orElseThrow(
                () ->
                    new InvalidInput(
                        "agency "
                            + org
                            + " has an unknown keyTransport '"
                            + transport
                            + "' (rsa-oaep-sha256, rsa-pkcs1-v1_5)")),
        ContentCipher.ofCode(cipher)
            .orElseThrow(
                () ->
                    new InvalidInput(
                        "agency "
                            + org
                            + " has an unknown contentCipher '"
                            + cipher
                            + "' (aes-256-gcm, aes-256-cbc)")));
  }

  private static AgencyConnection connection(
      OrganisationNumber org,
      AgencyKind kind,
      JsonObject connector,
      Function<String, Optional<String>> properties) {
    if (connector == null) {
      return new AgencyConnection.HubInbox(org.value(), Optional.empty());
    }
    Function<String, String> setting =
        key -> {
          String value = connector.getString(key, null);
          if (value == null || value.isBlank()) {
            throw new InvalidInput("the connector of agency " + org + " needs " + key);
          }
          return resolve(value, properties);
        };
    String type = connector.getString("type", "");
    switch (type) {
      case "hub-inbox":
        return new AgencyConnection.HubInbox(
            org.value(),
            Optional.ofNullable(connector.getString("notify", null))
                .map(address -> resolve(address, properties)));
      case "dialogmelding-http":
        requireKind(org, kind, AgencyKind.GP_OFFICE, type);
        return new AgencyConnection.GpOffice(
            org.value(),
            new AgencyConnection.GpTransport.Http(uri(org, setting.apply("endpoint"))));
      case "dialogmelding-files":
        requireKind(org, kind, AgencyKind.GP_OFFICE, type);
        return new AgencyConnection.GpOffice(
            org.value(),
            new AgencyConnection.GpTransport.FileDrop(
                Path.of(setting.apply("toOffice")), Path.of(setting.apply("fromOffice"))));
      case "nav-plan-http":
        requireKind(org, kind, AgencyKind.NAV, type);
        return new AgencyConnection.Nav(org.value(), uri(org, setting.apply("endpoint")));
      default:
        throw new InvalidInput(
            "agency "
                + org
                + " has an unknown connector type '"
                + type
                + "' (hub-inbox, dialogmelding-http, dialogmelding-files, nav-plan-http)");
    }
  }

  private static void requireKind(
      OrganisationNumber org, AgencyKind kind, AgencyKind expected, String type) {
    if (kind != expected) {
      throw new InvalidInput(
          "agency "
              + org
              + " is a "
              + kind.name().toLowerCase(Locale.ROOT)
              + ", not served by "
              + type);
    }
  }

  private static URI uri(OrganisationNumber org, String value) {
    try {
      URI uri = new URI(value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new URISyntaxException(value, "not an http or https address");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidInput("the connector endpoint of agency " + org + " is invalid: " + value);
    }
  }

  private static String resolve(String value, Function<String, Optional<String>> properties) {
    Matcher matcher = PLACEHOLDER.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement =
          properties
              .apply(name)
              .orElseThrow(() -> new InvalidInput("the setting " + name + " is not defined"));
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }
}
