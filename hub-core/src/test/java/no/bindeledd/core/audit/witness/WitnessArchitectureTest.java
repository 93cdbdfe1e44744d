package no.bindeledd.core.audit.witness;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The witness runs in the verifier jar and as a process of its own, so it may use the JDK and the
 * hub's pure audit formats, and nothing of the container.
 */
class WitnessArchitectureTest {

  private static final JavaClasses WITNESS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("no.bindeledd.core.audit.witness");

  @Test
  void theWitnessUsesTheJdkAndTheAuditFormatsOnly() {
    classes()
        .that()
        .resideInAPackage("no.bindeledd.core.audit.witness")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "com.sun.net.httpserver..",
            "no.bindeledd.core.audit.witness..",
            "no.bindeledd.core.audit.checkpoint..",
            "no.bindeledd.core.audit.merkle..",
            "no.bindeledd.core.canonical..",
            "no.bindeledd.core.crypto")
        .check(WITNESS);
  }
}
