package chorus.server.notify;

/**
 * What a notification says: a subject, a few plain lines and a link to the console. Never a
 * comment's words or anything personal: the site, the time, what kind of alert, where to look.
 */
public record Message(String subject, String body, String link) {}
