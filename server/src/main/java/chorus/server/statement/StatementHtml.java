package chorus.server.statement;

import java.util.Map;
import java.util.Set;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * A statement's Markdown as HTML for a public page. What an admin writes cannot become markup of
 * its own: HTML in it is shown as text, links other than http, https, mailto and tel lose their
 * address, and images are left out (their words stay). Headings, paragraphs, lists and links get
 * the GOV.UK classes the rest of Chorus uses.
 */
final class StatementHtml {
  private static final Parser PARSER = Parser.builder().build();

  private static final Map<String, String> CLASSES =
      Map.of(
          "h1", "govuk-heading-xl",
          "h2", "govuk-heading-l",
          "h3", "govuk-heading-m",
          "h4", "govuk-heading-s",
          "p", "govuk-body",
          "ul", "govuk-list govuk-list--bullet",
          "ol", "govuk-list govuk-list--number",
          "a", "govuk-link",
          "blockquote", "govuk-inset-text",
          "hr", "govuk-section-break govuk-section-break--l govuk-section-break--visible");

  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .escapeHtml(true)
          .sanitizeUrls(true)
          .urlSanitizer(
              new org.commonmark.renderer.html.DefaultUrlSanitizer(
                  java.util.List.of("http", "https", "mailto", "tel")))
          .attributeProviderFactory(context -> new GovukClasses())
          .nodeRendererFactory(ImageAsWords::new)
          .build();

  private StatementHtml() {}

  /** The page's HTML. */
  static String render(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }

  /** The words of the first top-level heading, or null when there is none. */
  static String title(String markdown) {
    Node doc = PARSER.parse(markdown);
    for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Heading h && h.getLevel() == 1) {
        String words = TextContentRenderer.builder().build().render(h).strip();
        return words.isEmpty() ? null : words;
      }
    }
    return null;
  }

  private static final class GovukClasses implements AttributeProvider {
    @Override
    public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
      String c = CLASSES.get(tagName);
      if (c != null) {
        attributes.put("class", c);
      }
    }
  }

  /** An image is shown as its words: a statement loads nothing from elsewhere. */
  private static final class ImageAsWords implements NodeRenderer {
    private final org.commonmark.renderer.html.HtmlNodeRendererContext context;

    ImageAsWords(org.commonmark.renderer.html.HtmlNodeRendererContext context) {
      this.context = context;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Image.class);
    }

    @Override
    public void render(Node node) {
      for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
        if (n instanceof Text t) {
          context.getWriter().text(t.getLiteral());
        } else {
          context.render(n);
        }
      }
    }
  }
}
