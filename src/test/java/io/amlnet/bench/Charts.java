package io.amlnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** The report's PNG charts, drawn with Java2D (nothing to install). */
final class Charts {
  private static final int W = 900;
  private static final int H = 580;
  private static final int LEFT = 70;
  private static final int RIGHT = 130;
  private static final int TOP = 50;
  private static final int BOTTOM = 170;
  private static final Color READY = new Color(0x1f77b4);
  private static final Color BUCKET = new Color(0x7f7f7f);
  private static final Color THROTTLED = new Color(0xd62728);

  private Charts() {}

  /** Objects Ready over time in the scale run, the line ARM's write bucket allows, and 429s per second. */
  static void scale(JsonNode scale, Path png) throws IOException {
    JsonNode t = scale.path("timeline");
    int n = t.path("readyObjects").size();
    if (n == 0) {
      return;
    }
    int objects = scale.path("objects").asInt(1);
    double writesPerObject = Math.max(1e-9, scale.path("writes").asDouble() / objects);
    long maxThrottled = 1;
    for (JsonNode v : t.path("throttled429")) {
      maxThrottled = Math.max(maxThrottled, v.asLong());
    }
    BufferedImage image = canvas();
    Graphics2D g = graphics(image);
    title(g, "Scale: " + scale.path("environments").asInt() + " environments + " + scale.path("computes").asInt()
        + " computes Ready over time (" + scale.path("mode").asText() + ")");
    axes(g, "seconds since the first object was created", "objects Ready", n - 1, objects);
    double xs = (W - LEFT - RIGHT) / (double) Math.max(1, n - 1);
    double ys = (H - TOP - BOTTOM) / (double) objects;
    int y0 = H - BOTTOM;
    g.setColor(new Color(THROTTLED.getRed(), THROTTLED.getGreen(), THROTTLED.getBlue(), 110));
    for (int i = 0; i < n; i++) {
      int h = (int) (t.path("throttled429").get(i).asLong() * (H - TOP - BOTTOM) / (double) maxThrottled);
      g.fillRect(LEFT + (int) (i * xs), y0 - h, Math.max(1, (int) xs), h);
    }
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
    g.setColor(BUCKET);
    int px = LEFT;
    int py = y0 - (int) (Math.min(objects, 200 / writesPerObject) * ys);
    for (int i = 1; i < n; i++) {
      double allowed = Math.min(objects, (200 + 10.0 * i) / writesPerObject);
      int x = LEFT + (int) (i * xs);
      int y = y0 - (int) (allowed * ys);
      g.drawLine(px, py, x, y);
      px = x;
      py = y;
    }
    g.setStroke(new BasicStroke(2.5f));
    g.setColor(READY);
    px = LEFT;
    py = y0;
    for (int i = 0; i < n; i++) {
      int x = LEFT + (int) (i * xs);
      int y = y0 - (int) (t.path("readyObjects").get(i).asInt() * ys);
      g.drawLine(px, py, x, y);
      px = x;
      py = y;
    }
    g.setColor(THROTTLED);
    g.drawString("429/s (max " + maxThrottled + ")", W - RIGHT + 5, TOP + 10);
    legend(g, new String[] {"objects Ready", "what ARM's write bucket allows (200 + 10/s, "
        + String.format("%.2f", writesPerObject) + " writes per object)", "429 answers per second (right scale)"},
        new Color[] {READY, BUCKET, THROTTLED});
    ImageIO.write(image, "png", png.toFile());
  }

  /** Time to Ready beside the critical path, per scenario. */
  static void convergence(JsonNode convergence, Path png) throws IOException {
    JsonNode rows = convergence.path("scenarios");
    if (rows.size() == 0) {
      return;
    }
    double max = 1;
    for (JsonNode r : rows) {
      max = Math.max(max, Math.max(r.path("timeToReadyMs").asDouble(), r.path("criticalPathMs").asDouble() * 1.25));
    }
    BufferedImage image = canvas();
    Graphics2D g = graphics(image);
    title(g, "Convergence: time to Ready against the critical path (" + convergence.path("mode").asText() + ")");
    axes(g, "", "milliseconds", 0, (int) Math.ceil(max));
    double slot = (W - LEFT - RIGHT) / (double) rows.size();
    double ys = (H - TOP - BOTTOM) / max;
    int y0 = H - BOTTOM;
    for (int i = 0; i < rows.size(); i++) {
      JsonNode r = rows.get(i);
      int x = LEFT + (int) (i * slot);
      int bar = (int) (slot * 0.35);
      int cp = (int) (r.path("criticalPathMs").asDouble() * ys);
      int ttr = (int) (Math.max(0, r.path("timeToReadyMs").asDouble()) * ys);
      g.setColor(BUCKET);
      g.fillRect(x + 4, y0 - cp, bar, cp);
      g.setColor(READY);
      g.fillRect(x + 4 + bar, y0 - ttr, bar, ttr);
      g.setColor(THROTTLED);
      int target = (int) (r.path("criticalPathMs").asDouble() * 1.25 * ys);
      g.drawLine(x + 2, y0 - target, x + 6 + 2 * bar, y0 - target);
      g.setColor(Color.BLACK);
      Graphics2D rotated = (Graphics2D) g.create();
      rotated.translate(x + 4 + bar, y0 + 8);
      rotated.rotate(Math.PI / 6);
      rotated.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
      rotated.drawString(r.path("scenario").asText(), 0, 0);
      rotated.dispose();
    }
    legend(g, new String[] {"critical path", "time to Ready", "target: 1.25 x critical path"},
        new Color[] {BUCKET, READY, THROTTLED});
    ImageIO.write(image, "png", png.toFile());
  }

  private static BufferedImage canvas() {
    return new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  private static void title(Graphics2D g, String text) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(text, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
  }

  private static void axes(Graphics2D g, String xLabel, String yLabel, int xMax, int yMax) {
    int y0 = H - BOTTOM;
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, y0, W - RIGHT, y0);
    g.drawLine(LEFT, TOP, LEFT, y0);
    for (int i = 0; i <= 4; i++) {
      int y = y0 - (H - TOP - BOTTOM) * i / 4;
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT + 1, y, W - RIGHT, y);
      g.setColor(Color.BLACK);
      g.drawString(String.valueOf(yMax * i / 4), 8, y + 4);
      if (xMax > 0) {
        int x = LEFT + (W - LEFT - RIGHT) * i / 4;
        g.drawString(String.valueOf(xMax * i / 4), x - 8, y0 + 16);
      }
    }
    g.drawString(xLabel, LEFT + (W - LEFT - RIGHT) / 2 - 100, y0 + 32);
    g.drawString(yLabel, 8, TOP - 8);
  }

  private static void legend(Graphics2D g, String[] labels, Color[] colors) {
    int y = H - 50;
    for (int i = 0; i < labels.length; i++) {
      g.setColor(colors[i]);
      g.fillRect(LEFT, y + i * 16 - 9, 12, 10);
      g.setColor(Color.BLACK);
      g.drawString(labels[i], LEFT + 18, y + i * 16);
    }
  }
}
