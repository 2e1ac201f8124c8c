package chorus.server.security;

/** How a wall key appears as a caller: {@code wall-key:<key id>}, in the role {@code wall}. */
public final class WallKeyPrincipal {
  public static final String PREFIX = "wall-key:";

  private WallKeyPrincipal() {}
}
