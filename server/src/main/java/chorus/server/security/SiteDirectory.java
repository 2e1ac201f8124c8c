package chorus.server.security;

/**
 * What security needs to know of sites: whether one exists, so a user is never limited to a site
 * that is not there. The site package provides it; security stays below it.
 */
public interface SiteDirectory {
  boolean exists(String siteId);
}
