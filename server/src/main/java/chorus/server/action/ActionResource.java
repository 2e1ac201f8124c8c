package chorus.server.action;

import static chorus.protocol.Jsons.JSON;

import chorus.protocol.ActionItem;
import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import chorus.server.feedback.Feedback;
import chorus.server.prompt.Moods;
import chorus.server.prompt.PromptCatalog;
import chorus.server.prompt.PromptRules;
import chorus.server.prompt.Schedule;
import chorus.server.site.Sites;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * "You said, we did", as changes people can follow: {@code
 * {"youSaid","weDid","promptId","siteIds":[..],"commentIds":[..],"saidFrom","saidTo","stage","note"}}
 * (only {@code weDid} is required; no sites means every site; no stage means done, as posts were
 * before stages). Posting, or moving a change to a stage, pushes an {@code actions} frame to the
 * connected kiosks of its sites at once, and puts it on their walls.
 */
@Path("/actions")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "actions")
public class ActionResource {
  /** The question a "did it help?" prompt asks when staff give none. */
  static final String HELPED_QUESTION = "We changed this: %s. Is it better now?";

  @Inject Actions actions;
  @Inject chorus.server.audit.AuditNote audit;
  @Inject Sites sites;
  @Inject PromptCatalog prompts;
  @Inject chorus.server.security.SiteScope scope;
  @Context SecurityContext security;
  @Context UriInfo uri;

  @GET
  @Operation(
      operationId = "listActions",
      summary =
          "Changes not withdrawn, newest first, each with its stage and history (for a user limited to some sites: those shown on their sites)")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionList")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String list() {
    List<ActionPost> shown = actions.current().stream().filter(this::shownToCaller).toList();
    Map<String, List<ActionStep>> history =
        actions.history(shown.stream().map(ActionPost::id).toList());
    JsonArrayBuilder all = JSON.createArrayBuilder();
    shown.forEach(a -> all.add(view(a, history)));
    return all.build().toString();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Post a change: what people said, what is being done, and its stage (no stage: done)")
  @APIResponse(
      responseCode = "201",
      description = "Posted; connected kiosks of its sites have it",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Action")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid or names nothing (problem JSON); nothing was posted")
  @APIResponse(
      responseCode = "403",
      description =
          "The post would reach a site the caller does not cover (no sites means every site)")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ActionInput")))
  public Response post(String body) {
    JsonObject request = JsonBodies.object(body);
    String youSaid = JsonBodies.optionalString(request, "youSaid", 500);
    String weDid = JsonBodies.string(request, "weDid", 500);
    String promptId = JsonBodies.optionalString(request, "promptId", 64);
    if (promptId != null && prompts.prompt(promptId).isEmpty()) {
      throw new BadRequestException("promptId", "there is no prompt " + promptId);
    }
    Set<String> siteIds = new LinkedHashSet<>();
    List<String> named = JsonBodies.optionalStrings(request, "siteIds", 200, 64);
    for (int i = 0; i < named.size(); i++) {
      if (sites.find(named.get(i)).isEmpty()) {
        throw new BadRequestException("siteIds[" + i + "]", "is not the id of a site");
      }
      siteIds.add(named.get(i));
    }
    if (!scope.coversAll(siteIds)) {
      throw chorus.server.security.SiteScope.outside("siteIds");
    }
    List<String> commentIds = JsonBodies.optionalStrings(request, "commentIds", 50, 64);
    for (int i = 0; i < commentIds.size(); i++) {
      Optional<Feedback> comment = actions.feedback(commentIds.get(i));
      if (comment.isEmpty()
          || !Feedback.APPROVED.equals(comment.get().commentStatus())
          || !scope.covers(comment.get().siteId())) {
        throw new BadRequestException(
            "commentIds[" + i + "]", "is not the id of an approved comment on your sites");
      }
    }
    LocalDate saidFrom = JsonBodies.optionalDate(request, "saidFrom");
    LocalDate saidTo = JsonBodies.optionalDate(request, "saidTo");
    if (saidFrom != null && saidTo != null && saidTo.isBefore(saidFrom)) {
      throw new BadRequestException("saidTo", "must not be before saidFrom");
    }
    String stage = stage(request, ActionItem.DONE);
    String note = JsonBodies.optionalString(request, "note", 500);
    String easyRead = JsonBodies.optionalString(request, "easyRead", 300);
    Map<String, chorus.protocol.ActionTranslation> translations = ActionWords.read(request);
    ActionPost post =
        actions.post(
            new ActionDraft(
                youSaid,
                weDid,
                promptId,
                siteIds,
                Set.copyOf(commentIds),
                saidFrom,
                saidTo,
                stage,
                note,
                easyRead,
                translations),
            security.getUserPrincipal().getName());
    return Response.created(uri.getAbsolutePathBuilder().path(post.id()).build())
        .entity(view(post, actions.history(List.of(post.id()))).build().toString())
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getAction", summary = "One change, with its history")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Action")))
  @APIResponse(responseCode = "404", description = "No such change (or withdrawn)")
  public Response get(@PathParam("id") String id) {
    return shown(id)
        .map(a -> Response.ok(view(a, actions.history(List.of(id))).build().toString()).build())
        .orElseGet(() -> noSuch(id));
  }

  @POST
  @Path("{id}/stage")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "moveAction",
      summary =
          "Move a change to a stage (heard, working, done, not-possible), with a note; the same"
              + " stage again adds a dated update. Kiosks and walls of its sites show it at once.")
  @APIResponse(
      responseCode = "200",
      description = "Moved; the change with its history",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Action")))
  @APIResponse(
      responseCode = "400",
      description = "Not a stage, or a note that is not valid (problem JSON); nothing changed")
  @APIResponse(
      responseCode = "403",
      description = "The change reaches a site the caller does not cover")
  @APIResponse(responseCode = "404", description = "No such change (or withdrawn)")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ActionStageInput")))
  public Response move(@PathParam("id") String id, String body) {
    JsonObject request = JsonBodies.object(body);
    if (!request.containsKey("stage")) {
      throw new BadRequestException("stage", "is required");
    }
    String stage = stage(request, null);
    String note = JsonBodies.optionalString(request, "note", 500);
    if (ActionItem.NOT_POSSIBLE.equals(stage) && note == null) {
      throw new BadRequestException("note", "is required for not-possible: say why");
    }
    Optional<ActionPost> found = shown(id);
    if (found.isEmpty()) {
      return noSuch(id);
    }
    if (!scope.coversAll(found.get().siteIds())) {
      throw chorus.server.security.SiteScope.outside("id");
    }
    Map<String, String> notes = notes(request, found.get());
    audit.summary(found.get().stage() + " -> " + stage);
    return actions
        .move(id, stage, note, notes, security.getUserPrincipal().getName())
        .map(a -> Response.ok(view(a, actions.history(List.of(id))).build().toString()).build())
        .orElseGet(() -> noSuch(id));
  }

  @POST
  @Path("{id}/did-it-help")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "askWhetherItHelped",
      summary =
          "For a change that is done: put a short prompt live at its sites until a time (\"Is it"
              + " better now?\" with the five mood buttons), made from the change; its answers"
              + " show with the change")
  @APIResponse(
      responseCode = "201",
      description = "Live at the change's sites; the change, with didItHelp",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Action")))
  @APIResponse(
      responseCode = "400",
      description =
          "No until, a time that is not valid or past, or a question too long (problem JSON);"
              + " nothing changed")
  @APIResponse(
      responseCode = "403",
      description = "The change reaches a site the caller does not cover")
  @APIResponse(responseCode = "404", description = "No such change (or withdrawn)")
  @APIResponse(
      responseCode = "409",
      description = "The change is not done yet, or it has asked already")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "DidItHelpInput")))
  public Response askWhetherItHelped(@PathParam("id") String id, String body) {
    JsonObject request = JsonBodies.object(body);
    Optional<ActionPost> found = shown(id);
    if (found.isEmpty()) {
      return noSuch(id);
    }
    ActionPost change = found.get();
    if (!scope.coversAll(change.siteIds())) {
      throw chorus.server.security.SiteScope.outside("id");
    }
    if (!ActionItem.DONE.equals(change.stage())) {
      return Problem.of(
          Response.Status.CONFLICT,
          "Only a change that is done can ask whether it helped: this one is at "
              + change.stage()
              + ".");
    }
    if (change.helpPromptId().isPresent()) {
      return Problem.of(
          Response.Status.CONFLICT,
          "This change has asked already, with prompt " + change.helpPromptId().get() + ".");
    }
    String text = JsonBodies.optionalString(request, "text", PromptRules.MAX_QUESTION);
    if (text == null) {
      text = HELPED_QUESTION.formatted(change.weDid().replaceAll("[.!\\s]+$", ""));
      if (text.length() > PromptRules.MAX_QUESTION) {
        throw new BadRequestException(
            "text",
            "is needed: the change is too long to ask about in "
                + PromptRules.MAX_QUESTION
                + " characters");
      }
    }
    if (!request.containsKey("until") || request.isNull("until")) {
      throw new BadRequestException("until", "is required: say when to stop asking");
    }
    Map<String, Schedule> targets = prompts.schedulesFor(request, change.siteIds());
    chorus.protocol.Prompt draft =
        PromptRules.check(
            JSON.createObjectBuilder()
                .add("text", text)
                .add("options", Moods.BETTER_OR_WORSE)
                .build());
    return actions
        .askWhetherItHelped(id, draft, targets)
        .map(
            a ->
                Response.created(
                        uri.getBaseUriBuilder()
                            .path("api/prompts")
                            .path(a.helpPromptId().orElseThrow())
                            .build())
                    .entity(view(a, actions.history(List.of(id))).build().toString())
                    .build())
        .orElseGet(() -> noSuch(id));
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Withdraw a change: kiosks and walls stop showing it")
  @APIResponse(responseCode = "204", description = "Withdrawn")
  @APIResponse(
      responseCode = "403",
      description = "The post reaches a site the caller does not cover")
  @APIResponse(responseCode = "404", description = "No such post")
  public Response withdraw(@PathParam("id") String id) {
    Optional<ActionPost> found = shown(id);
    if (found.isEmpty()) {
      return noSuch(id);
    }
    if (!scope.coversAll(found.get().siteIds())) {
      throw chorus.server.security.SiteScope.outside("id");
    }
    return actions.withdraw(id).isPresent() ? Response.noContent().build() : noSuch(id);
  }

  @PUT
  @Path("{id}/picture")
  @Consumes(MediaType.WILDCARD)
  @Operation(
      operationId = "putActionPicture",
      summary =
          "Give a change a picture, or a new one: the body is a PNG or JPEG (at most 5 MB and"
              + " 8000 pixels a side). It is stored at most 1600 pixels a side, without its"
              + " metadata, and shown beside the words on kiosks and walls of its sites")
  @APIResponse(
      responseCode = "200",
      description = "Stored; the change, whose picture is the new address",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Action")))
  @APIResponse(
      responseCode = "400",
      description =
          "Not a PNG or JPEG, unreadable, or too many pixels (problem JSON); nothing changed")
  @APIResponse(
      responseCode = "403",
      description = "The change reaches a site the caller does not cover")
  @APIResponse(responseCode = "404", description = "No such change (or withdrawn)")
  @APIResponse(responseCode = "413", description = "Larger than 5 MB; nothing changed")
  @RequestBody(
      required = true,
      content = {
        @Content(mediaType = "image/png", schema = @Schema(ref = "Picture")),
        @Content(mediaType = "image/jpeg", schema = @Schema(ref = "Picture"))
      })
  public Response putPicture(@PathParam("id") String id, java.io.InputStream body)
      throws java.io.IOException {
    Optional<ActionPost> found = shown(id);
    if (found.isEmpty()) {
      return noSuch(id);
    }
    if (!scope.coversAll(found.get().siteIds())) {
      throw chorus.server.security.SiteScope.outside("id");
    }
    byte[] bytes = body.readNBytes(PictureCheck.MAX_BYTES + 1);
    if (bytes.length > PictureCheck.MAX_BYTES) {
      return Problem.of(
          Response.Status.REQUEST_ENTITY_TOO_LARGE,
          "A picture can be at most 5 MB: make it smaller and send it again.");
    }
    PictureCheck.Checked picture = PictureCheck.check(bytes);
    return actions
        .setPicture(id, picture, security.getUserPrincipal().getName())
        .map(a -> Response.ok(view(a, actions.history(List.of(id))).build().toString()).build())
        .orElseGet(() -> noSuch(id));
  }

  @DELETE
  @Path("{id}/picture")
  @Operation(
      operationId = "deleteActionPicture",
      summary = "Take a change's picture off: kiosks and walls show its words alone")
  @APIResponse(responseCode = "204", description = "Taken off")
  @APIResponse(
      responseCode = "403",
      description = "The change reaches a site the caller does not cover")
  @APIResponse(responseCode = "404", description = "No such change, or it has no picture")
  public Response deletePicture(@PathParam("id") String id) {
    Optional<ActionPost> found = shown(id);
    if (found.isEmpty()) {
      return noSuch(id);
    }
    if (!scope.coversAll(found.get().siteIds())) {
      throw chorus.server.security.SiteScope.outside("id");
    }
    return actions.removePicture(id)
        ? Response.noContent().build()
        : Problem.of(Response.Status.NOT_FOUND, "This change has no picture.");
  }

  /**
   * The step's note in the change's other languages, {@code "translations":{"cy":{"note"}}}: only
   * languages the change has words in.
   */
  private static Map<String, String> notes(JsonObject request, ActionPost change) {
    jakarta.json.JsonValue v = request.get("translations");
    if (v == null || v == JsonValue.NULL) {
      return Map.of();
    }
    if (v.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new BadRequestException("translations", "must be an object of notes by language tag");
    }
    Map<String, String> notes = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : v.asJsonObject().entrySet()) {
      String at = "translations." + e.getKey();
      if (!change.translations().containsKey(e.getKey())) {
        throw new BadRequestException(
            at, "the change has no words in this language: give them when posting it");
      }
      if (e.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
        throw new BadRequestException(at, "must be an object such as {\"note\":\"...\"}");
      }
      JsonObject one =
          e.getValue().asJsonObject().containsKey("note")
              ? JSON.createObjectBuilder()
                  .add(at + ".note", e.getValue().asJsonObject().get("note"))
                  .build()
              : JsonValue.EMPTY_JSON_OBJECT;
      String note = JsonBodies.optionalString(one, at + ".note", 500);
      if (note != null) {
        notes.put(e.getKey(), note);
      }
    }
    return notes;
  }

  /** A change not withdrawn that the caller may see. */
  private Optional<ActionPost> shown(String id) {
    return actions.find(id).filter(a -> !a.withdrawn()).filter(this::shownToCaller);
  }

  private static Response noSuch(String id) {
    return Problem.of(Response.Status.NOT_FOUND, "There is no change " + id + ".");
  }

  /** The {@code stage} field: one of the four, or {@code otherwise} when absent or null. */
  private static String stage(JsonObject request, String otherwise) {
    String stage = JsonBodies.optionalString(request, "stage", 20);
    if (stage == null && otherwise == null) {
      throw new BadRequestException("stage", "is required");
    }
    if (stage != null && !ActionItem.STAGES.contains(stage)) {
      throw new BadRequestException("stage", "must be heard, working, done or not-possible");
    }
    return stage == null ? otherwise : stage;
  }

  /** A post for every site, or one naming a site the caller covers. */
  private boolean shownToCaller(ActionPost a) {
    return a.siteIds().isEmpty() || a.siteIds().stream().anyMatch(scope::covers);
  }

  /** What a "did it help?" prompt heard: each option in its order, with its count. */
  private JsonValue didItHelp(ActionPost a) {
    if (a.helpPromptId().isEmpty()) {
      return JsonValue.NULL;
    }
    String promptId = a.helpPromptId().get();
    Map<String, Long> counts = actions.answers(promptId);
    JsonArrayBuilder answers = JSON.createArrayBuilder();
    prompts
        .current(promptId)
        .ifPresent(
            p ->
                p.options()
                    .forEach(
                        o ->
                            answers.add(
                                JSON.createObjectBuilder()
                                    .add("option", o.key())
                                    .add("label", o.label())
                                    .add("count", counts.getOrDefault(o.key(), 0L)))));
    return JSON.createObjectBuilder()
        .add("promptId", promptId)
        .add("total", counts.values().stream().mapToLong(Long::longValue).sum())
        .add("answers", answers)
        .build();
  }

  private JsonObjectBuilder view(ActionPost a, Map<String, List<ActionStep>> histories) {
    JsonArrayBuilder siteIds = JSON.createArrayBuilder();
    a.siteIds().stream().sorted().forEach(siteIds::add);
    JsonArrayBuilder commentIds = JSON.createArrayBuilder();
    a.commentIds().stream().sorted().forEach(commentIds::add);
    JsonArrayBuilder history = JSON.createArrayBuilder();
    for (ActionStep step : histories.getOrDefault(a.id(), List.of())) {
      history.add(
          JSON.createObjectBuilder()
              .add("stage", step.stage())
              .add("note", nullable(step.note()))
              .add("at", step.at().toString())
              .add("by", step.actor()));
    }
    return JSON.createObjectBuilder()
        .add("id", a.id())
        .add("youSaid", nullable(a.youSaid()))
        .add("weDid", a.weDid())
        .add("promptId", nullable(a.promptId()))
        .add("siteIds", siteIds)
        .add("commentIds", commentIds)
        .add("saidFrom", nullable(a.saidFrom().map(LocalDate::toString).orElse(null)))
        .add("saidTo", nullable(a.saidTo().map(LocalDate::toString).orElse(null)))
        .add("stage", a.stage())
        .add("stageNote", nullable(a.stageNote()))
        .add("easyRead", nullable(a.easyRead()))
        .add("picture", nullable(a.picture()))
        .add("translations", ActionWords.json(a.translations()))
        .add("history", history)
        .add("didItHelp", didItHelp(a))
        .add("postedAt", a.createdAt().toString())
        .add("postedBy", a.createdBy());
  }

  private static JsonValue nullable(String s) {
    return s == null ? JsonValue.NULL : JSON.createValue(s);
  }
}
