package no.bindeledd.web.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.exchange.BoxCounts;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.Municipalities;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.person.Representation;
import no.bindeledd.web.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the caller is, as the hub acts on it, the words the screens are built from, and what waits in
 * the caller's boxes.
 */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class MeResource {

  @Inject Actor actor;
  @Inject CurrentActor current;
  @Inject Agencies agencies;
  @Inject Municipalities municipalities;
  @Inject MessageExchange exchange;
  @Inject Representation representation;

  /** The caller's agency, its kind, and whether it may ever receive health data. */
  @Schema(name = "MyAgency")
  public record MyAgency(
      String orgNumber, String name, String kind, boolean mayReceiveHealthData) {}

  /** The municipality the caller belongs to: their agency's, or a citizen's own. */
  @Schema(
      name = "MyMunicipality",
      requiredProperties = {"number", "name"})
  public record MyMunicipality(String number, String name) {}

  /** The person a citizen signed in as. */
  @Schema(name = "MyPerson")
  public record MyPerson(String id, String name, String preferredLanguage) {}

  /**
   * Someone a citizen may act for today: themselves ({@code self}), or a child of theirs who cannot
   * yet act for themselves ({@code child}).
   */
  @Schema(
      name = "ActsFor",
      requiredProperties = {"id", "name", "relation", "birthDate"})
  public record ActsFor(String id, String name, String relation, LocalDate birthDate) {}

  /** A role, the kind of agency it belongs to (none for the auditor), and what it does. */
  public record RoleView(String code, String agencyKind, boolean exchangesMessages) {}

  /** A data category, and whether it is health data. */
  public record CategoryView(String code, boolean healthData) {}

  /** The hub's codes that the screens show and choose from. */
  public record Vocabulary(
      List<RoleView> roles,
      List<String> agencyKinds,
      List<CategoryView> categories,
      List<String> purposes,
      List<String> messageKinds,
      List<String> statuses) {}

  /**
   * The caller: their user name, the name to show, their role and their agency; whether they
   * exchange messages (the auditor does not); the categories their agency may ask about and
   * receive, so that a school, a kindergarten or NAV is never offered a health category; and the
   * hub's codes. {@code municipality} is the one the caller belongs to: a refugee service's,
   * school's or kindergarten's staff and auditor that agency's, a citizen the one they are
   * registered in; absent for a GP office or NAV office, which may serve several, and for the hub's
   * auditor, who works at no agency and reads the hub's own log. A citizen has no agency, nor has
   * the hub's auditor; instead a citizen's {@code person} is who they are in the hub (absent when
   * it holds nothing about them) and {@code actsFor} whom they may act for today, themselves first.
   */
  @Schema(
      name = "Me",
      requiredProperties = {
        "username",
        "name",
        "role",
        "agency",
        "exchangesMessages",
        "categories",
        "vocabulary"
      })
  public record Me(
      String username,
      String name,
      String role,
      MyAgency agency,
      MyMunicipality municipality,
      boolean exchangesMessages,
      List<CategoryView> categories,
      Vocabulary vocabulary,
      MyPerson person,
      List<ActsFor> actsFor) {}

  /** What waits: unread in the inbox, outcomes to look at in the sent list. */
  public record CountsView(long unreadInInbox, long sentNeedingAttention) {}

  @GET
  @RolesAllowed({
    Roles.CASEWORKER,
    Roles.GP_STAFF,
    Roles.SCHOOL_LIAISON,
    Roles.KINDERGARTEN_LIAISON,
    Roles.NAV_ADVISER,
    Roles.AUDITOR,
    Roles.CITIZEN
  })
  @Transactional
  @Operation(
      summary =
          "Who the caller is, as the hub acts on them: user name, name to show, role, agency and"
              + " the municipality they belong to (none at a GP or NAV office, nor for the hub's"
              + " auditor, who works at no agency);"
              + " the categories their agency may ask about; and the hub's codes for roles, agency"
              + " kinds, categories, purposes, message kinds and statuses. For a citizen: no agency,"
              + " the person they are (person) and whom they may act for today (actsFor: self,"
              + " then the children they act for)")
  public Me me() {
    if (actor.is(Role.CITIZEN)) {
      return citizen();
    }
    if (actor.isHubAuditor()) {
      return new Me(
          actor.userId(),
          current.displayName(),
          actor.role().code(),
          null,
          null,
          false,
          List.of(),
          vocabulary(),
          null,
          null);
    }
    Agency agency = agencies.get(actor.agency());
    boolean exchanges = exchangesMessages(actor.role());
    return new Me(
        actor.userId(),
        current.displayName(),
        actor.role().code(),
        new MyAgency(
            agency.orgNumber().value(),
            agency.name(),
            code(agency.kind()),
            agency.kind().mayReceiveHealthData()),
        agency.municipality().map(this::municipality).orElse(null),
        exchanges,
        exchanges
            ? Arrays.stream(DataCategory.values())
                .filter(c -> !c.isHealthData() || agency.kind().mayReceiveHealthData())
                .map(MeResource::category)
                .toList()
            : List.of(),
        vocabulary(),
        null,
        null);
  }

  private Me citizen() {
    List<Representation.Represented> represented = representation.actsFor(actor);
    MyPerson person =
        represented.stream()
            .filter(r -> r.relation() == Representation.Relation.SELF)
            .findFirst()
            .map(
                r ->
                    new MyPerson(
                        r.person().id(),
                        r.person().fullName(),
                        r.person().preferredLanguage().toLanguageTag()))
            .orElse(null);
    MyMunicipality municipality =
        represented.stream()
            .filter(r -> r.relation() == Representation.Relation.SELF)
            .findFirst()
            .map(r -> municipality(r.person().municipality()))
            .orElse(null);
    return new Me(
        actor.userId(),
        person == null ? current.displayName() : person.name(),
        actor.role().code(),
        null,
        municipality,
        false,
        List.of(),
        vocabulary(),
        person,
        represented.stream()
            .map(
                r ->
                    new ActsFor(
                        r.person().id(),
                        r.person().fullName(),
                        code(r.relation()),
                        r.person().birthDate()))
            .toList());
  }

  private MyMunicipality municipality(MunicipalityNumber number) {
    return new MyMunicipality(number.value(), municipalities.get(number).name());
  }

  @GET
  @Path("counts")
  @RolesAllowed({
    Roles.CASEWORKER,
    Roles.GP_STAFF,
    Roles.SCHOOL_LIAISON,
    Roles.KINDERGARTEN_LIAISON,
    Roles.NAV_ADVISER
  })
  @Operation(
      summary =
          "What waits for your agency: messages in the inbox not yet marked read, and messages in"
              + " the sent list whose outcome (held, failed, expired, declined) nobody at your"
              + " agency has marked seen (POST /api/messages/{id}/seen). Two counts, cheap to poll;"
              + " the live stream at /api/events sends the same")
  public CountsView counts() {
    BoxCounts counts = exchange.counts(actor);
    return new CountsView(counts.unreadInInbox(), counts.sentNeedingAttention());
  }

  private static Vocabulary vocabulary() {
    return new Vocabulary(
        Arrays.stream(Role.values())
            .filter(r -> Role.fromCode(r.code()).isPresent())
            .map(
                r ->
                    new RoleView(
                        r.code(),
                        r.agencyKind().map(MeResource::code).orElse(null),
                        exchangesMessages(r)))
            .toList(),
        Arrays.stream(AgencyKind.values()).map(MeResource::code).toList(),
        Arrays.stream(DataCategory.values()).map(MeResource::category).toList(),
        Arrays.stream(Purpose.values()).map(Purpose::code).toList(),
        Arrays.stream(MessageKind.values()).map(MeResource::code).toList(),
        Arrays.stream(DeliveryStatus.values()).map(MeResource::code).toList());
  }

  /** Staff at an agency exchange messages; the auditor reads the log and exchanges none. */
  private static boolean exchangesMessages(Role role) {
    return role.agencyKind().isPresent();
  }

  private static CategoryView category(DataCategory category) {
    return new CategoryView(category.code(), category.isHealthData());
  }

  private static String code(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
