package chorus.server.prompt;

/**
 * What prompts need to know of kiosks: the site a kiosk is in, so an assignment on one kiosk is
 * seen and changed only by those who cover its site. The kiosk package provides it; prompts stay
 * below kiosks.
 */
public interface KioskSites {
  /** The kiosk's site, or null if there is no such kiosk. */
  String siteOfKiosk(String kioskId);
}
