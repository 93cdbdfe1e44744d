package no.bindeledd.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.party.OrganisationNumber;
import org.junit.jupiter.api.Test;

class ActorTest {

  private static final MunicipalityNumber FJORDVIK = MunicipalityNumber.of("9901");
  private static final MunicipalityNumber ELVDAL = MunicipalityNumber.of("9902");

  private static final Agency REFUGEE_SERVICE =
      new Agency(
          OrganisationNumber.of("311000101"),
          "Elvdal Refugee Service",
          AgencyKind.REFUGEE_SERVICE,
          null,
          Set.of(ELVDAL));
  private static final Agency SCHOOL =
      new Agency(
          OrganisationNumber.of("311000128"),
          "Elvdal School",
          AgencyKind.SCHOOL,
          null,
          Set.of(ELVDAL));
  private static final Agency SHARED_GP_OFFICE =
      new Agency(
          OrganisationNumber.of("311000063"),
          "Fjellet GP Office",
          AgencyKind.GP_OFFICE,
          "8094867",
          Set.of(FJORDVIK, ELVDAL));
  private static final Agency NAV_OFFICE =
      new Agency(
          OrganisationNumber.of("311000047"),
          "NAV Fjordvik",
          AgencyKind.NAV,
          null,
          Set.of(FJORDVIK));

  @Test
  void anAuditorWorksAtAMunicipalitysOwnAgency() {
    Actor atRefugeeService = Actor.staff("egil.auditor", REFUGEE_SERVICE, Role.AUDITOR);
    Actor atSchool = Actor.staff("eva.auditor", SCHOOL, Role.AUDITOR);

    assertThat(atRefugeeService.agency()).isEqualTo(REFUGEE_SERVICE.orgNumber());
    assertThat(atRefugeeService.isHubAuditor()).isFalse();
    assertThat(atSchool.agency()).isEqualTo(SCHOOL.orgNumber());
  }

  @Test
  void anAuditorAtAGpOfficeOrNavOfficeBelongsToNoMunicipalityAndIsRefused() {
    assertThatThrownBy(() -> Actor.staff("gerd.auditor", SHARED_GP_OFFICE, Role.AUDITOR))
        .isInstanceOf(AccessDenied.class)
        .hasMessageContaining("Fjellet GP Office");
    assertThatThrownBy(() -> Actor.staff("nora.auditor", NAV_OFFICE, Role.AUDITOR))
        .isInstanceOf(AccessDenied.class)
        .hasMessageContaining("NAV Fjordvik");
  }

  @Test
  void anAuditorAtNoAgencyIsTheHubsAuditor() {
    Actor hubAuditor = Actor.hubAuditor("hugo.hubauditor");

    assertThat(hubAuditor.isHubAuditor()).isTrue();
    assertThat(hubAuditor.agency()).isNull();
    assertThat(hubAuditor.is(Role.AUDITOR)).isTrue();
    assertThat(Actor.administrator("ada.administrator").isHubAuditor()).isFalse();
  }

  @Test
  void staffWorkAtTheKindOfAgencyTheirRoleBelongsToAndOnlyAnAuditorOrOperatorAtNone() {
    assertThat(Actor.staff("eli.caseworker", REFUGEE_SERVICE, Role.CASEWORKER).role())
        .isEqualTo(Role.CASEWORKER);
    assertThatThrownBy(() -> Actor.staff("eli.caseworker", SCHOOL, Role.CASEWORKER))
        .isInstanceOf(AccessDenied.class)
        .hasMessageContaining("does not belong at Elvdal School");
    assertThatThrownBy(() -> Actor.staff("ada", REFUGEE_SERVICE, Role.ADMINISTRATOR))
        .isInstanceOf(AccessDenied.class);
    assertThatThrownBy(() -> new Actor("tone.school", null, Role.SCHOOL_LIAISON))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
