package no.bindeledd.connectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Connectors move messages; they never sign, decide on consent or touch the database. */
class ArchitectureTest {

  private static final JavaClasses CONNECTORS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("no.bindeledd.connectors");

  @Test
  void connectorsNeitherTouchTheDatabaseNorSign() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta.persistence..",
            "java.sql..",
            "javax.sql..",
            "org.bouncycastle..",
            "no.bindeledd.core.persistence..",
            "no.bindeledd.core.crypto..")
        .check(CONNECTORS);
  }

  @Test
  void connectorsDoNotDecideOnConsentThemselves() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("no.bindeledd.core.consent.ConsentDecisions")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("no.bindeledd.core.audit.AuditLog")
        .check(CONNECTORS);
  }
}
