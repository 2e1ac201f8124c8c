package chorus.server.notify;

import static chorus.protocol.Jsons.JSON;

import chorus.server.common.BadRequestException;
import chorus.server.common.JsonBodies;
import chorus.server.common.Problem;
import chorus.server.common.Roles;
import chorus.server.moderation.Alert;
import chorus.server.security.SiteScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's own subscription: {@code GET/PUT/DELETE /api/subscriptions/me} with {@code
 * {"email","kinds":["safeguarding","kiosk-offline","bad-run"],"siteIds":[..],"summary":"none"|
 * "weekly"|"monthly"}} (no sites: every site the caller covers), and {@code POST
 * /api/subscriptions/me/summary} to have the summary sent now (it answers what it says).
 */
@Path("/subscriptions/me")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.STAFF})
@Produces(MediaType.APPLICATION_JSON)
@Tag(ref = "alerts")
public class SubscriptionResource {
  static final Set<String> KINDS = Set.of(Alert.SAFEGUARDING, Alert.KIOSK_OFFLINE, Alert.BAD_RUN);
  static final Set<String> SUMMARIES =
      Set.of(Subscription.NONE, Subscription.WEEKLY, Subscription.MONTHLY);

  @Inject Subscriptions subscriptions;
  @Inject Summaries summaries;
  @Inject SiteScope scope;
  @Inject Clock clock;
  @Context SecurityContext security;

  @GET
  @Operation(operationId = "getSubscription", summary = "What the caller is e-mailed about")
  @APIResponse(
      responseCode = "200",
      description = "The subscription",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Subscription")))
  @APIResponse(responseCode = "404", description = "The caller has not subscribed")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public Response get() {
    return subscriptions
        .of(me())
        .map(s -> Response.ok(view(s).toString()).build())
        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "You have not subscribed."));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "setSubscription", summary = "Choose what the caller is e-mailed about")
  @APIResponse(
      responseCode = "200",
      description = "The subscription as it is now",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Subscription")))
  @APIResponse(
      responseCode = "400",
      description = "A field is not valid (problem JSON naming it); nothing changed")
  @APIResponse(responseCode = "403", description = "A site named is one the caller does not cover")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "SubscriptionInput")))
  public Response put(String body) {
    JsonObject request = JsonBodies.object(body);
    String email = JsonBodies.string(request, "email", 200);
    if (NotifySettings.parseAddress(email).isEmpty()) {
      throw new BadRequestException("email", "is not an e-mail address");
    }
    Set<String> kinds = strings(request, "kinds", KINDS);
    Set<String> sites = strings(request, "siteIds", null);
    for (String site : sites) {
      scope.require("siteIds", site);
    }
    String summary = JsonBodies.optionalString(request, "summary", 16);
    if (summary == null) {
      summary = Subscription.NONE;
    }
    if (!SUMMARIES.contains(summary)) {
      throw new BadRequestException("summary", "must be none, weekly or monthly");
    }
    Subscription s = subscriptions.set(me(), email, kinds, sites, summary);
    return Response.ok(view(s).toString()).build();
  }

  @DELETE
  @Operation(operationId = "deleteSubscription", summary = "Stop all e-mails to the caller")
  @APIResponse(responseCode = "204", description = "Unsubscribed")
  @APIResponse(responseCode = "404", description = "The caller had not subscribed")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public Response delete() {
    return subscriptions.remove(me())
        ? Response.noContent().build()
        : Problem.of(Response.Status.NOT_FOUND, "You had not subscribed.");
  }

  @POST
  @Path("summary")
  @Operation(
      operationId = "sendSummary",
      summary = "Send the caller's summary now, for the week (or month) up to now")
  @APIResponse(
      responseCode = "202",
      description = "Queued: the answer says what it says",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SummarySent")))
  @APIResponse(responseCode = "404", description = "The caller has not subscribed")
  @APIResponse(
      responseCode = "401",
      description = "No credentials, or credentials that are not valid")
  public Response sendNow() {
    var found = subscriptions.of(me());
    if (found.isEmpty()) {
      return Problem.of(Response.Status.NOT_FOUND, "You have not subscribed.");
    }
    Subscription s = found.get();
    Instant now = clock.instant();
    String kind =
        Subscription.MONTHLY.equals(s.summary()) ? Subscription.MONTHLY : Subscription.WEEKLY;
    Message m = summaries.queue(s, Summaries.endingAt(now.atZone(summaries.zone(s)), kind), now);
    return Response.accepted(
            JSON.createObjectBuilder()
                .add("to", s.email())
                .add("subject", m.subject())
                .add("text", m.body())
                .build()
                .toString())
        .build();
  }

  private String me() {
    return security.getUserPrincipal().getName();
  }

  private static Set<String> strings(JsonObject o, String field, Set<String> allowed) {
    JsonValue v = o.get(field);
    Set<String> out = new LinkedHashSet<>();
    if (v == null || v == JsonValue.NULL) {
      return out;
    }
    if (!(v instanceof JsonArray a) || a.size() > 200) {
      throw new BadRequestException(field, "must be a list");
    }
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof JsonString s)
          || s.getString().length() > 64
          || (allowed != null && !allowed.contains(s.getString()))) {
        throw new BadRequestException(
            field + "[" + i + "]",
            allowed == null ? "must be a site id" : "must be one of " + List.copyOf(allowed));
      }
      out.add(s.getString());
    }
    return out;
  }

  private static JsonObject view(Subscription s) {
    JsonArrayBuilder kinds = JSON.createArrayBuilder();
    s.kinds().stream().sorted().forEach(kinds::add);
    JsonArrayBuilder sites = JSON.createArrayBuilder();
    s.siteIds().stream().sorted().forEach(sites::add);
    return JSON.createObjectBuilder()
        .add("username", s.username())
        .add("email", s.email())
        .add("kinds", kinds)
        .add("siteIds", sites)
        .add("summary", s.summary())
        .build();
  }
}
