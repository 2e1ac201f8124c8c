package chorus.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's shape, checked on its compiled classes: its feature packages form no cycle (a change
 * to one never needs a change to a package that depends on it), and it stands on the protocol
 * alone, never on the kiosk's code or its hardware.
 */
class ArchitectureTest {
  private static JavaClasses server;

  @BeforeAll
  static void read() {
    server =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("chorus.server");
  }

  @Test
  void theServersPackagesFormNoCycle() {
    slices().matching("chorus.server.(*)..").should().beFreeOfCycles().check(server);
  }

  @Test
  void theServerNeverUsesTheKiosksCodeOrItsHardware() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("chorus.kiosk..", "chorus.hardware..", "com.pi4j..")
        .check(server);
  }

  @Test
  void securityKnowsNoFeature() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "chorus.server.security..", "chorus.server.common..", "chorus.server.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "chorus.server.kiosk..",
            "chorus.server.wall..",
            "chorus.server.prompt..",
            "chorus.server.site..",
            "chorus.server.feedback..",
            "chorus.server.moderation..",
            "chorus.server.action..",
            "chorus.server.cluster..")
        .check(server);
  }

  @Test
  void theClassesWereRead() {
    // A rule over no classes holds trivially: make sure the importer found the server.
    org.junit.jupiter.api.Assertions.assertTrue(
        server.size() > 100, "classes read: " + server.size());
  }
}
