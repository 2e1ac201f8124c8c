package chorus.server.testkit;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WARs integration tests deploy: the real one built by the module, as it ships. */
public final class Deployments {
  private Deployments() {}

  public static WebArchive server() {
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
        .importFrom(new File(System.getProperty("chorus.war")))
        .as(WebArchive.class);
  }

  /** The real WAR plus {@link TestClocks}: a clock the test moves, and nothing else changed. */
  public static WebArchive withTestClock() {
    return server()
        .addClasses(TestClocks.class, TestClocks.ShiftedClock.class, TestClocks.Resource.class);
  }

  /** The real WAR plus {@link TestSmallNumbers}: a small-numbers threshold the test sets. */
  public static WebArchive withSmallNumbers() {
    return server().addClasses(TestSmallNumbers.class, TestSmallNumbers.Resource.class);
  }

  /** The real WAR plus {@link TestData}: bulk presses for tests that need very many rows. */
  public static WebArchive withTestData() {
    return server().addClasses(TestData.class);
  }
}
