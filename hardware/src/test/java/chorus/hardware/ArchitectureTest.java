package chorus.hardware;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The hardware module drives buttons and lights and knows no network, no protocol and no kiosk
 * logic: whatever it is given, it cannot reach the server, and it can be tested on a desk.
 */
class ArchitectureTest {
  private final JavaClasses hardware =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("chorus.hardware");

  @Test
  void hardwareKnowsNoNetwork() {
    assertTrue(hardware.size() > 2, "classes read: " + hardware.size());
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net..",
            "javax.net..",
            "java.net.http..",
            "jakarta.websocket..",
            "org.glassfish.tyrus..",
            "chorus.protocol..",
            "chorus.kiosk..",
            "chorus.server..")
        .check(hardware);
  }
}
