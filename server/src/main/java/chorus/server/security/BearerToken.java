package chorus.server.security;

import jakarta.security.enterprise.credential.Credential;

/** A secret presented as {@code Authorization: Bearer <token>} (or a wall's {@code ?key=}). */
public record BearerToken(String token) implements Credential {}
