package chorus.server.action;

import chorus.server.common.BadRequestException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks a picture staff upload for a change and writes it again: only PNG and JPEG, at most {@link
 * #MAX_BYTES} and {@link #MAX_SIDE} pixels a side (read from its header before any pixel is
 * decoded), made at most {@link #SHOWN_SIDE} a side for kiosks, and stored without its metadata (a
 * phone photo's place and time stay out).
 */
final class PictureCheck {
  static final int MAX_BYTES = 5 * 1024 * 1024;
  static final int MAX_SIDE = 8000;
  static final int SHOWN_SIDE = 1600;

  /** A picture ready to store and serve. */
  static final class Checked {
    private final String contentType;
    private final byte[] bytes;
    private final int width;
    private final int height;

    Checked(String contentType, byte[] bytes, int width, int height) {
      this.contentType = contentType;
      this.bytes = bytes.clone();
      this.width = width;
      this.height = height;
    }

    String contentType() {
      return contentType;
    }

    byte[] bytes() {
      return bytes.clone();
    }

    int width() {
      return width;
    }

    int height() {
      return height;
    }
  }

  private PictureCheck() {}

  static Checked check(byte[] body) {
    if (body.length == 0) {
      throw new BadRequestException("body", "is empty: send the picture's bytes");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(body))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new BadRequestException("body", "is not a PNG or JPEG picture");
      }
      ImageReader reader = readers.next();
      try {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (!format.equals("png") && !format.equals("jpeg")) {
          throw new BadRequestException("body", "is a " + format + " picture: send a PNG or JPEG");
        }
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
          throw new BadRequestException(
              "body", "must be at most " + MAX_SIDE + " by " + MAX_SIDE + " pixels");
        }
        BufferedImage image = shown(reader.read(0), format.equals("jpeg"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
          throw new BadRequestException("body", "could not be read as a picture");
        }
        return new Checked(
            format.equals("png") ? "image/png" : "image/jpeg",
            out.toByteArray(),
            image.getWidth(),
            image.getHeight());
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadRequestException bad) {
        throw bad;
      }
      // A broken or hostile file: what ImageIO says is not for the caller, the answer is.
      throw new BadRequestException("body", "could not be read as a PNG or JPEG picture");
    }
  }

  /** The picture at most {@link #SHOWN_SIDE} a side, in colours a JPEG can hold if it is one. */
  private static BufferedImage shown(BufferedImage image, boolean jpeg) {
    int w = image.getWidth();
    int h = image.getHeight();
    double scale = Math.min(1.0, (double) SHOWN_SIDE / Math.max(w, h));
    int type = jpeg ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB;
    if (scale == 1.0 && image.getType() == type) {
      return image;
    }
    int sw = Math.max(1, (int) Math.round(w * scale));
    int sh = Math.max(1, (int) Math.round(h * scale));
    BufferedImage out = new BufferedImage(sw, sh, type);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, sw, sh, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
