package chorus.server.moderation;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.QueryParams;
import chorus.server.common.Roles;
import chorus.server.feedback.Feedback;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The moderation queue: comments are private until staff approve them. {@code GET
 * /api/comments?status=pending|approved|hidden&site=}, {@code POST /api/comments/{id}/approve},
 * {@code POST /api/comments/{id}/hide {"reason":..}}, the log at {@code GET /api/comments/log}.
 * Safeguarding alerts are in {@link AlertResource}.
 */
@Path("/comments")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "moderation")
public class ModerationResource {
  private static final Set<String> STATUSES =
      Set.of(Feedback.PENDING, Feedback.APPROVED, Feedback.HIDDEN);

  @Inject Moderation moderation;
  @Inject chorus.server.audit.AuditNote audit;
  @Inject chorus.server.security.SiteScope scope;
  @Context SecurityContext security;

  @GET
  @Operation(
      summary =
          "Comments in one state (default pending), newest first; flags say which need a careful look")
  @APIResponse(responseCode = "400", description = "A parameter is not valid (problem JSON)")
  @APIResponse(
      responseCode = "200",
      description = "The comments asked for",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CommentList")))
  public String comments(
      @QueryParam("status") @DefaultValue("pending") String status,
      @QueryParam("site") String site,
      @QueryParam("limit") @DefaultValue("200") String limit) {
    if (!STATUSES.contains(status)) {
      throw new BadRequestException("status", "must be pending, approved or hidden");
    }
    JsonArrayBuilder all = JSON.createArrayBuilder();
    moderation
        .comments(
            status,
            scope.narrow(QueryParams.uuid("site", site)),
            scope.limits().orElse(null),
            QueryParams.wholeNumber("limit", limit, 1, 1000, 200))
        .forEach(f -> all.add(view(f)));
    return all.build().toString();
  }

  @POST
  @Path("{id}/approve")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  @Operation(
      summary =
          "Approve a comment: walls may show it from now on. An optional body"
              + " {\"concern\":true} marks it as a concern, counted by the follow-through measure")
  @APIResponse(responseCode = "400", description = "A body that is not valid (problem JSON)")
  @APIResponse(responseCode = "404", description = "No such comment")
  @APIResponse(
      responseCode = "200",
      description = "Approved: the comment as it is now",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Comment")))
  @RequestBody(
      required = false,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApproveInput")))
  public Response approve(@PathParam("id") String id, String body) {
    Boolean concern = null;
    if (body != null && !body.isBlank()) {
      jakarta.json.JsonValue v = JsonBodies.object(body).get("concern");
      if (v != null && v != jakarta.json.JsonValue.NULL) {
        if (v != jakarta.json.JsonValue.TRUE && v != jakarta.json.JsonValue.FALSE) {
          throw new chorus.server.common.BadRequestException("concern", "must be true or false");
        }
        concern = v == jakarta.json.JsonValue.TRUE;
      }
    }
    return decide(id, ModerationEntry.APPROVE, null, concern);
  }

  @POST
  @Path("{id}/hide")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Hide a comment, with a reason: it is never shown (and taken off walls if it was)")
  @APIResponse(responseCode = "400", description = "The reason is missing (problem JSON)")
  @APIResponse(responseCode = "404", description = "No such comment")
  @APIResponse(
      responseCode = "200",
      description = "Hidden: the comment as it is now",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Comment")))
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HideReason")))
  public Response hide(@PathParam("id") String id, String body) {
    String reason = JsonBodies.string(JsonBodies.object(body), "reason", 500);
    return decide(id, ModerationEntry.HIDE, reason, null);
  }

  private Response decide(String id, String action, String reason, Boolean concern) {
    return moderation
        .decide(id, action, reason, concern, security.getUserPrincipal().getName(), scope::covers)
        .map(f -> Response.ok(view(f).build().toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no comment " + id + "."));
  }

  @GET
  @Path("search")
  @jakarta.annotation.security.RolesAllowed(Roles.ADMIN)
  @Operation(
      operationId = "searchComments",
      summary =
          "Find comments, on every site, whose words contain all the given words (admins: for a"
              + " person who asks for what they wrote to be erased); newest first")
  @APIResponse(
      responseCode = "400",
      description = "No words, or a word shorter than 3 characters (problem JSON)")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(
      responseCode = "200",
      description = "The comments found",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CommentList")))
  public String search(
      @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(
              description =
                  "Words the comment contains, separated by spaces (each 3 or more characters)")
          @QueryParam("words")
          String words,
      @QueryParam("limit") @DefaultValue("200") String limit) {
    List<String> each =
        words == null
            ? List.of()
            : java.util.Arrays.stream(words.strip().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
    if (each.isEmpty()) {
      throw new chorus.server.common.BadRequestException("words", "is required: the words to find");
    }
    if (each.size() > 10 || words.length() > 200) {
      throw new chorus.server.common.BadRequestException(
          "words", "must be at most 10 words, 200 characters");
    }
    if (each.stream().anyMatch(w -> w.length() < 3)) {
      throw new chorus.server.common.BadRequestException(
          "words", "each word must be at least 3 characters");
    }
    JsonArrayBuilder all = JSON.createArrayBuilder();
    moderation
        .search(each, QueryParams.wholeNumber("limit", limit, 1, 1000, 200))
        .forEach(f -> all.add(view(f)));
    return all.build().toString();
  }

  @POST
  @Path("{id}/erase")
  @jakarta.annotation.security.RolesAllowed(Roles.ADMIN)
  @Operation(
      operationId = "eraseComment",
      summary =
          "Erase a comment's words for good (admins, at a person's request): the press and its"
              + " answer stay and are counted; the words leave walls and exports; the erasure is in"
              + " the audit trail")
  @APIResponse(responseCode = "403", description = "Not an admin")
  @APIResponse(responseCode = "404", description = "No such comment")
  @APIResponse(
      responseCode = "200",
      description = "Erased: the comment as it is now (no text, status erased)",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Comment")))
  public Response erase(@PathParam("id") String id) {
    String was = moderation.comment(id).map(Feedback::commentStatus).orElse(null);
    return moderation
        .erase(id, security.getUserPrincipal().getName())
        .map(
            f -> {
              audit.summary("words erased (it was " + was + ")");
              return Response.ok(view(f).build().toString()).build();
            })
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no comment " + id + "."));
  }

  @GET
  @Path("log")
  @Operation(summary = "Who approved or hid which comment, when and why; newest first")
  @APIResponse(
      responseCode = "200",
      description = "The log, newest first",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ModerationLog")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String log(@QueryParam("limit") @DefaultValue("200") String limit) {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    moderation
        .log(scope.limits().orElse(null), QueryParams.wholeNumber("limit", limit, 1, 1000, 200))
        .forEach(
            e ->
                all.add(
                    JSON.createObjectBuilder()
                        .add("commentId", e.feedbackId())
                        .add("action", e.action())
                        .add(
                            "reason",
                            e.reason() == null ? JsonValue.NULL : JSON.createValue(e.reason()))
                        .add("by", e.actor())
                        .add("at", e.actedAt().toString())));
    return all.build().toString();
  }

  static JsonObjectBuilder view(Feedback f) {
    JsonArrayBuilder flags = JSON.createArrayBuilder();
    f.flags().stream().sorted().forEach(flags::add);
    return JSON.createObjectBuilder()
        .add("id", f.id())
        .add("siteId", f.siteId())
        .add("kioskId", f.kioskId())
        .add("promptId", f.promptId())
        .add("promptVersion", f.promptVersion())
        .add("option", f.option())
        .add("text", f.followUp() == null ? JsonValue.NULL : JSON.createValue(f.followUp()))
        .add("status", f.commentStatus())
        .add("flags", flags)
        .add("concern", f.concern())
        .add("pressedAt", f.pressedAt().toString());
  }
}
