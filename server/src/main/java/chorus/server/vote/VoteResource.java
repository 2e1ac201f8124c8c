package chorus.server.vote;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import chorus.server.prompt.Moods;
import chorus.server.prompt.PromptCatalog;
import chorus.server.prompt.PromptRules;
import chorus.server.prompt.Schedule;
import chorus.server.security.SiteScope;
import chorus.server.site.Sites;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
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
 * "What should we ask about next?": {@code POST /api/votes
 * {"candidates":[{"text","label","symbol"}],"siteIds":[..],"until"}} puts a vote live at those
 * sites' kiosks (2-4 candidates, each a large picture choice; no sites: every site); {@code POST
 * /api/votes/{id}/winner {"candidate"}} puts the winner live as a prompt of its own (the mood
 * buttons, and "You chose this question" on the kiosk), in place of the vote.
 */
@Path("/votes")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.FACILITATOR})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "votes")
public class VoteResource {
  /** What the kiosks ask. */
  static final String QUESTION = "What should we ask about next?";

  @Inject Votes votes;
  @Inject PromptCatalog prompts;
  @Inject Sites sites;
  @Inject SiteScope scope;
  @Context SecurityContext security;
  @Context UriInfo uri;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.STAFF})
  @Operation(
      operationId = "listVotes",
      summary =
          "Votes, newest first, each with its tally (for a user limited to some sites: theirs)")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "VoteList")))
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public String list() {
    JsonArrayBuilder all = JSON.createArrayBuilder();
    votes.all().stream().filter(this::shown).forEach(v -> all.add(view(v)));
    return all.build().toString();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.ADMIN, Roles.FACILITATOR, Roles.STAFF})
  @Operation(operationId = "getVote", summary = "One vote, with its tally")
  @APIResponse(
      responseCode = "200",
      description = "Done",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Vote")))
  @APIResponse(responseCode = "404", description = "No such vote")
  public Response get(@PathParam("id") String id) {
    return votes
        .find(id)
        .filter(this::shown)
        .map(v -> Response.ok(view(v).build().toString()).build())
        .orElseGet(() -> noSuch(id));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "startVote",
      summary =
          "Ask at the kiosks of some sites, until a time, \"What should we ask about next?\" with 2"
              + " to 4 candidate questions as large picture choices")
  @APIResponse(
      responseCode = "201",
      description = "Live at the kiosks of its sites",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Vote")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid or names nothing (problem JSON); nothing changed")
  @APIResponse(
      responseCode = "403",
      description = "A site the caller does not cover (no sites means every site)")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "VoteInput")))
  public Response start(String body) {
    JsonObject request = JsonBodies.object(body);
    JsonValue list = request.get("candidates");
    if (!(list instanceof JsonArray candidates)) {
      throw new BadRequestException("candidates", "is required: a list of 2 to 4 questions");
    }
    if (candidates.size() < 2 || candidates.size() > 4) {
      throw new BadRequestException("candidates", "must hold 2 to 4 questions");
    }
    Map<String, String> questions = new LinkedHashMap<>();
    JsonArrayBuilder options = JSON.createArrayBuilder();
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < candidates.size(); i++) {
      String at = "candidates[" + i + "]";
      if (!(candidates.get(i) instanceof JsonObject c)) {
        throw new BadRequestException(at, "must be an object with text, label and symbol");
      }
      String text = field(c, at, "text", PromptRules.MAX_QUESTION);
      String label = field(c, at, "label", 40);
      String symbol = field(c, at, "symbol", 16);
      if (!seen.add(text.strip().toLowerCase(java.util.Locale.ROOT))) {
        throw new BadRequestException(at + ".text", "is the same question as another candidate");
      }
      String key = "c" + (i + 1);
      questions.put(key, text.strip());
      options.add(
          JSON.createObjectBuilder()
              .add("key", key)
              .add("label", label)
              .add("icon", symbol)
              .add("button", i + 1));
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
      throw SiteScope.outside("siteIds");
    }
    if (!request.containsKey("until") || request.isNull("until")) {
      throw new BadRequestException("until", "is required: say when the vote ends");
    }
    Map<String, Schedule> targets = prompts.schedulesFor(request, siteIds);
    chorus.protocol.Prompt draft =
        PromptRules.check(
            JSON.createObjectBuilder()
                .add("text", QUESTION)
                .add("options", options)
                .add(
                    "easyRead",
                    JSON.createObjectBuilder()
                        .add("symbol", "\uD83D\uDDF3\uFE0F")
                        .add("readAloud", QUESTION + " Press the picture you choose."))
                .build());
    Vote vote =
        votes.start(draft, questions, siteIds, targets, security.getUserPrincipal().getName());
    return Response.created(uri.getAbsolutePathBuilder().path(vote.id()).build())
        .entity(view(vote).build().toString())
        .build();
  }

  @POST
  @Path("{id}/winner")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  @Operation(
      operationId = "decideVote",
      summary =
          "Put the winner live at the vote's sites as a prompt of its own, in place of the vote:"
              + " {\"candidate\":\"c2\"}, or no body for the most chosen")
  @APIResponse(
      responseCode = "201",
      description = "The winner is live; the vote, with its winner",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Vote")))
  @APIResponse(
      responseCode = "400",
      description = "Not a candidate of this vote (problem JSON); nothing changed")
  @APIResponse(
      responseCode = "403",
      description = "The vote runs at a site the caller does not cover")
  @APIResponse(responseCode = "404", description = "No such vote")
  @APIResponse(
      responseCode = "409",
      description = "Decided already, or no candidate is ahead: say which")
  @RequestBody(
      required = false,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WinnerInput")))
  public Response decide(@PathParam("id") String id, String body) {
    Optional<Vote> found = votes.find(id).filter(this::shown);
    if (found.isEmpty()) {
      return noSuch(id);
    }
    Vote vote = found.get();
    if (!scope.coversAll(vote.siteIds())) {
      throw SiteScope.outside("id");
    }
    String key = null;
    if (body != null && !body.isBlank()) {
      key = JsonBodies.optionalString(JsonBodies.object(body), "candidate", 32);
    }
    if (key != null) {
      String k = key;
      if (vote.candidates().stream().noneMatch(c -> c.key().equals(k))) {
        throw new BadRequestException("candidate", "is not a candidate of this vote");
      }
    }
    if (!Votes.open(vote)) {
      return Problem.of(Response.Status.CONFLICT, "This vote was decided already.");
    }
    Map<String, Votes.Tally> tally = votes.tally(vote);
    if (key == null) {
      long best = vote.candidates().stream().mapToLong(c -> total(tally, c.key())).max().orElse(0);
      List<String> ahead =
          vote.candidates().stream()
              .map(Vote.Candidate::key)
              .filter(k -> best > 0 && total(tally, k) == best)
              .toList();
      if (ahead.size() != 1) {
        return Problem.of(
            Response.Status.CONFLICT,
            best == 0
                ? "Nobody has chosen yet: say which candidate."
                : "Candidates " + String.join(", ", ahead) + " are level: say which.");
      }
      key = ahead.get(0);
    }
    String winnerKey = key;
    Vote.Candidate winner =
        vote.candidates().stream().filter(c -> c.key().equals(winnerKey)).findFirst().orElseThrow();
    String symbol =
        prompts
            .current(vote.promptId())
            .flatMap(p -> p.option(winnerKey))
            .map(o -> o.icon())
            .orElse(null);
    JsonObjectBuilder draft =
        JSON.createObjectBuilder().add("text", winner.question()).add("options", Moods.HOW_WAS_IT);
    if (symbol != null) {
      draft.add("easyRead", JSON.createObjectBuilder().add("symbol", symbol));
    }
    return votes
        .decide(id, winnerKey, PromptRules.check(draft.build()))
        .map(
            v ->
                Response.created(
                        uri.getBaseUriBuilder()
                            .path("api/prompts")
                            .path(v.winnerPromptId().orElseThrow())
                            .build())
                    .entity(view(v).build().toString())
                    .build())
        .orElseGet(() -> noSuch(id));
  }

  private static long total(Map<String, Votes.Tally> tally, String key) {
    Votes.Tally t = tally.get(key);
    return t == null ? 0 : t.total();
  }

  /** A vote at every site, or at a site the caller covers. */
  private boolean shown(Vote v) {
    return v.siteIds().isEmpty() || v.siteIds().stream().anyMatch(scope::covers);
  }

  private static Response noSuch(String id) {
    return Problem.of(Response.Status.NOT_FOUND, "There is no vote " + id + ".");
  }

  private static String field(JsonObject c, String at, String name, int max) {
    try {
      return JsonBodies.string(c, name, max);
    } catch (BadRequestException e) {
      throw new BadRequestException(at + "." + name, e.getMessage());
    }
  }

  private JsonObjectBuilder view(Vote v) {
    Map<String, Votes.Tally> tally = votes.tally(v);
    Optional<chorus.protocol.Prompt> prompt = prompts.current(v.promptId());
    JsonArrayBuilder candidates = JSON.createArrayBuilder();
    long total = 0;
    for (Vote.Candidate c : v.candidates()) {
      Votes.Tally t = tally.getOrDefault(c.key(), new Votes.Tally(0, 0));
      total += t.total();
      Optional<chorus.protocol.PromptOption> o = prompt.flatMap(p -> p.option(c.key()));
      candidates.add(
          JSON.createObjectBuilder()
              .add("key", c.key())
              .add("text", c.question())
              .add("label", o.map(x -> x.label()).orElse(c.question()))
              .add("symbol", o.map(x -> x.icon()).orElse(""))
              .add("count", t.total())
              .add("independent", t.independent())
              .add("supported", t.supported()));
    }
    JsonArrayBuilder siteIds = JSON.createArrayBuilder();
    v.siteIds().stream().sorted().forEach(siteIds::add);
    return JSON.createObjectBuilder()
        .add("id", v.id())
        .add("promptId", v.promptId())
        .add("question", QUESTION)
        .add("siteIds", siteIds)
        .add("candidates", candidates)
        .add("total", total)
        .add(
            "winner",
            v.winnerKey().isEmpty()
                ? JsonValue.NULL
                : JSON.createObjectBuilder()
                    .add("candidate", v.winnerKey().get())
                    .add("promptId", v.winnerPromptId().orElseThrow())
                    .add("decidedAt", v.decidedAt().orElseThrow().toString())
                    .build())
        .add("createdAt", v.createdAt().toString())
        .add("createdBy", v.createdBy());
  }
}
