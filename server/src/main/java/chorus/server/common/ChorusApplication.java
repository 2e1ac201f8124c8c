package chorus.server.common;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API, under {@code /api}. */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Chorus API",
            version = "1",
            description =
                "Feedback kiosks for co-production: sites, kiosks, prompts, feedback. Errors are"
                    + " RFC 9457 problem JSON."))
public class ChorusApplication extends Application {}
