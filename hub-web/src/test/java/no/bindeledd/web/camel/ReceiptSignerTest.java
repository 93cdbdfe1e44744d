package no.bindeledd.web.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.platform.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of the hub's agencies answers a GP office when its message names none of them. */
class ReceiptSignerTest {

  @TempDir Path dir;

  private Deployment deployment() throws Exception {
    return Deployment.read(
        Files.writeString(
            dir.resolve("deployment.json"),
            """
            {"name":"x","municipalities":[{"number":"9902","name":"Elvdal"},{"number":"9901","name":"Fjordvik"}],
             "agencies":[
              {"orgNumber":"311000004","name":"Fjordvik Refugee Service","kind":"refugee_service","municipalities":["9901"]},
              {"orgNumber":"311000101","name":"Elvdal Refugee Service","kind":"refugee_service","municipalities":["9902"]},
              {"orgNumber":"311000098","name":"Elvebakken GP Office","kind":"gp_office","municipalities":["9902"]},
              {"orgNumber":"311000063","name":"Fjellet GP Office","kind":"gp_office","municipalities":["9902","9901"]}]}"""));
  }

  private static Deployment.AgencyEntry office(Deployment deployment, String org) {
    return deployment.agencies().stream()
        .filter(a -> a.orgNumber().value().equals(org))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anOfficeOfOneMunicipalityIsAnsweredByThatMunicipalitysRefugeeServiceNotTheFirstListed()
      throws Exception {
    Deployment deployment = deployment();

    assertThat(CamelLifecycle.receiptSigner(deployment, office(deployment, "311000098")))
        .isEqualTo(OrganisationNumber.of("311000101"));
  }

  @Test
  void anOfficeOfSeveralIsAnsweredByTheRefugeeServiceOfTheLowestNumberedOneItServes()
      throws Exception {
    Deployment deployment = deployment();

    assertThat(CamelLifecycle.receiptSigner(deployment, office(deployment, "311000063")))
        .isEqualTo(OrganisationNumber.of("311000004"));
  }
}
