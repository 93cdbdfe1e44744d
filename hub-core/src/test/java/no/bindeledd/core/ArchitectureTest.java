package no.bindeledd.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core's boundaries, stated as absences and enforced on the compiled classes. */
class ArchitectureTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("no.bindeledd.core");

  @Test
  void theCoreKnowsNeitherCamelNorJaxRs() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.camel..", "jakarta.ws.rs..")
        .check(CORE);
  }

  @Test
  void onlyTheBcPackageImportsBouncyCastle() {
    noClasses()
        .that()
        .resideOutsideOfPackage("no.bindeledd.core.crypto.bc..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.bouncycastle..")
        .check(CORE);
  }

  @Test
  void onlyThePersistencePackageUsesTheEntityManagerOrFlyway() {
    noClasses()
        .that()
        .resideOutsideOfPackage("no.bindeledd.core.persistence..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.persistence.EntityManager")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("org.flywaydb..")
        .check(CORE);
  }

  @Test
  void onlyThePersistencePackageKnowsTheJpaProvider() {
    noClasses()
        .that()
        .resideOutsideOfPackage("no.bindeledd.core.persistence..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.eclipse.persistence..")
        .check(CORE);
  }

  @Test
  void theDomainDoesNotReachIntoPersistenceExceptForConverters() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "no.bindeledd.core.party..",
            "no.bindeledd.core.person..",
            "no.bindeledd.core.consent..",
            "no.bindeledd.core.exchange..",
            "no.bindeledd.core.audit..")
        .should()
        .dependOnClassesThat()
        .haveSimpleNameStartingWith("Jpa")
        .check(CORE);
  }
}
