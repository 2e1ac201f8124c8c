package chorus.server.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * The standard OpenID Connect mechanism (Jakarta Security 4, as Payara ships it), defined from
 * {@link OidcSettings}. It is asked only for the two addresses under {@code /console/oidc/}, and
 * only when a provider is set (see {@link ChorusAuthentication}); everything else is ours.
 */
@OpenIdAuthenticationMechanismDefinition(
    providerURI = "${chorusOidc.providerUri}",
    clientId = "${chorusOidc.clientId}",
    clientSecret = "${chorusOidc.clientSecret}",
    redirectURI = "${chorusOidc.redirectUri}",
    scope = {"openid", "email", "profile"},
    claimsDefinition =
        @ClaimsDefinition(
            callerNameClaim = "${chorusOidc.userClaim}",
            callerGroupsClaim = "groups"),
    redirectToOriginalResource = false,
    tokenAutoRefresh = false)
@ApplicationScoped
public class OidcMechanism {}
