package no.bindeledd.core.consent.fhir;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class HapiBoundaryTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("no.bindeledd.core");

  @Test
  void onlyTheFhirPackageKnowsHapi() {
    noClasses()
        .that()
        .resideOutsideOfPackage("no.bindeledd.core.consent.fhir..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ca.uhn.fhir..", "org.hl7.fhir..")
        .check(CORE);
  }
}
