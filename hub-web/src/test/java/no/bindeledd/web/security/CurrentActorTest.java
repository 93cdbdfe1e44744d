package no.bindeledd.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.party.OrganisationNumber;
import org.junit.jupiter.api.Test;

/** The rules by which a staff member's claims become the one the hub acts for. */
class CurrentActorTest {

  private static final MunicipalityNumber FJORDVIK = MunicipalityNumber.of("9901");
  private static final MunicipalityNumber ELVDAL = MunicipalityNumber.of("9902");

  private final CurrentActor current = new CurrentActor();

  CurrentActorTest() {
    List<Agency> known = new ArrayList<>();
    known.add(
        new Agency(
            OrganisationNumber.of("311000101"),
            "Elvdal Refugee Service",
            AgencyKind.REFUGEE_SERVICE,
            null,
            Set.of(ELVDAL)));
    known.add(
        new Agency(
            OrganisationNumber.of("311000063"),
            "Fjellet GP Office",
            AgencyKind.GP_OFFICE,
            "8094867",
            Set.of(FJORDVIK, ELVDAL)));
    known.add(
        new Agency(
            OrganisationNumber.of("311000047"),
            "NAV Fjordvik",
            AgencyKind.NAV,
            null,
            Set.of(FJORDVIK, ELVDAL)));
    current.agencies =
        new Agencies() {
          @Override
          public Optional<Agency> find(OrganisationNumber orgNumber) {
            return known.stream().filter(a -> a.orgNumber().equals(orgNumber)).findFirst();
          }

          @Override
          public List<Agency> all() {
            return List.copyOf(known);
          }

          @Override
          public void add(Agency agency) {
            known.add(agency);
          }
        };
  }

  private static CurrentActor.Claims auditor(Object agency) {
    return new CurrentActor.Claims("someone.auditor", "Someone", List.of("auditor"), agency);
  }

  @Test
  void anAuditorAtTheMunicipalitysRefugeeServiceActsThere() {
    Actor actor = current.actorOf(auditor("311000101"));

    assertThat(actor.role()).isEqualTo(Role.AUDITOR);
    assertThat(actor.agency()).isEqualTo(OrganisationNumber.of("311000101"));
    assertThat(actor.isHubAuditor()).isFalse();
  }

  @Test
  void anAuditorWhoseSignInNamesNoAgencyIsTheHubsAuditor() {
    assertThat(current.actorOf(auditor(null)).isHubAuditor()).isTrue();
    assertThat(current.actorOf(auditor("")).isHubAuditor()).isTrue();
  }

  @Test
  void anAuditorAtAGpOfficeOrNavOfficeIsRefused() {
    assertThatThrownBy(() -> current.actorOf(auditor("311000063")))
        .isInstanceOf(AccessDenied.class)
        .hasMessageContaining("Fjellet GP Office");
    assertThatThrownBy(() -> current.actorOf(auditor("311000047")))
        .isInstanceOf(AccessDenied.class)
        .hasMessageContaining("NAV Fjordvik");
  }

  @Test
  void staffOtherThanTheAuditorStillNeedAnAgencyOfTheirRolesKind() {
    assertThatThrownBy(
            () -> current.actorOf(new CurrentActor.Claims("x", "X", List.of("caseworker"), null)))
        .isInstanceOf(AccessDenied.class)
        .hasMessageContaining("names no agency");
    assertThatThrownBy(
            () ->
                current.actorOf(
                    new CurrentActor.Claims("x", "X", List.of("gp-staff"), "311000101")))
        .isInstanceOf(AccessDenied.class)
        .hasMessageContaining("does not belong at Elvdal Refugee Service");
  }
}
