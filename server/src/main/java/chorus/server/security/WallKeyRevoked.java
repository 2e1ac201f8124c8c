package chorus.server.security;

/** A wall key stopped working: walls using it are closed once this commits. */
public record WallKeyRevoked(String keyId) {}
