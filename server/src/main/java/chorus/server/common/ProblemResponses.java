package chorus.server.common;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Every error answer of the API is problem JSON ({@link Problem}, and the container's own through
 * {@link ErrorPage}): this says so in {@code /openapi} once, for every 4xx and 5xx response an
 * operation documents without a body of its own, instead of on each annotation. Named in {@code
 * META-INF/microprofile-config.properties} ({@code mp.openapi.filter}).
 */
public class ProblemResponses implements OASFilter {
  @Override
  public Operation filterOperation(Operation operation) {
    if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
      return operation;
    }
    operation
        .getResponses()
        .getAPIResponses()
        .forEach(
            (code, response) -> {
              if ((code.startsWith("4") || code.startsWith("5")) && noBody(response)) {
                response.setContent(
                    OASFactory.createContent()
                        .addMediaType(
                            Problem.MEDIA_TYPE.toString(),
                            OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem"))));
              }
            });
    return operation;
  }

  private static boolean noBody(APIResponse response) {
    return response.getContent() == null
        || response.getContent().getMediaTypes() == null
        || response.getContent().getMediaTypes().isEmpty();
  }
}
