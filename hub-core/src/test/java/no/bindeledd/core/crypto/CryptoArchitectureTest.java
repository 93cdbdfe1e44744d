package no.bindeledd.core.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.Provider;
import java.security.Security;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CryptoArchitectureTest {

  private static JavaClasses hub;

  @BeforeAll
  static void importClasses() {
    hub =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("no.bindeledd");
  }

  @Test
  void onlyTheBcPackageUsesBouncyCastle() {
    noClasses()
        .that()
        .resideOutsideOfPackage("no.bindeledd.core.crypto.bc..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bouncycastle..")
        .because("a crypto library upgrade or change must stay inside one package")
        .check(hub);
  }

  @Test
  void noCodeRegistersAProviderGlobally() {
    noClasses()
        .should()
        .callMethod(Security.class, "addProvider", Provider.class)
        .orShould()
        .callMethod(Security.class, "insertProviderAt", Provider.class, int.class)
        .because("a registered provider pins the class loader of a redeployed application")
        .check(hub);
  }
}
