package cn.shouwang.server.casework.identification;

import jakarta.servlet.http.HttpSession;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * The self-report page's robot check: a few digits drawn as a distorted picture (java.awt, headless) that a person
 * reads and a script reading the page cannot — the answer is kept only in the server-side session, never in the
 * HTML, a URL or a cookie. One challenge per session at a time, valid for {@link #TTL}, checked once: any answer,
 * right or wrong, uses it up, and the page shows a new picture. Digits only, without 0 and 1 (no O/I look-alikes),
 * so a phone's number pad types them; full-width digits from a Chinese keyboard count as digits.
 */
@Component
class SelfReportCaptcha {
    static final String SESSION_KEY = "shouwang.selfReport.captcha";
    static final String DIGITS = "23456789";
    static final int LENGTH = 5;
    static final Duration TTL = Duration.ofMinutes(15);
    /** Pixels of the picture; the page shows it at half this size, so it stays sharp on a phone's dense screen. */
    static final int WIDTH = 440;
    static final int HEIGHT = 144;

    static {
        // a server draws without a display (Spring Boot sets this too; unit tests may not)
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NONCE_LETTERS = "abcdefghijkmnpqrstuvwxyz";

    /** A challenge in the session: the answer, a nonce for the picture's address (letters only), when, and the picture. */
    record Challenge(String answer, String nonce, Instant issued, byte[] png) implements Serializable {}

    private final Clock clock;

    SelfReportCaptcha(Clock clock) {
        this.clock = clock;
    }

    /** A new challenge for the session, replacing any earlier one. */
    Challenge issue(HttpSession session) {
        StringBuilder answer = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) answer.append(DIGITS.charAt(RANDOM.nextInt(DIGITS.length())));
        StringBuilder nonce = new StringBuilder(16);
        for (int i = 0; i < 16; i++) nonce.append(NONCE_LETTERS.charAt(RANDOM.nextInt(NONCE_LETTERS.length())));
        Challenge c = new Challenge(answer.toString(), nonce.toString(), clock.instant(), draw(answer.toString(), RANDOM));
        session.setAttribute(SESSION_KEY, c);
        return c;
    }

    /** The session's challenge, or a new one when it has none or it is too old. */
    Challenge current(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            if (session.getAttribute(SESSION_KEY) instanceof Challenge c && !expired(c)) return c;
            return issue(session);
        }
    }

    /** Checks an answer against the session's challenge and uses the challenge up, whatever the answer. */
    boolean check(HttpSession session, @Nullable String typed) {
        Challenge c;
        synchronized (WebUtils.getSessionMutex(session)) {
            c = session.getAttribute(SESSION_KEY) instanceof Challenge ch ? ch : null;
            session.removeAttribute(SESSION_KEY);
        }
        if (c == null || expired(c) || typed == null) return false;
        String given = Normalizer.normalize(typed, Normalizer.Form.NFKC).replaceAll("\\s", "");
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), c.answer().getBytes(StandardCharsets.UTF_8));
    }

    private boolean expired(Challenge c) {
        return clock.instant().isAfter(c.issued().plus(TTL));
    }

    // ------------------------------------------------------------------------------------------------ drawing

    private static final String[] FONTS = {Font.SANS_SERIF, Font.SERIF, Font.DIALOG};
    private static final Color[] INKS = {new Color(0x1a, 0x2a, 0x6c), new Color(0x6b, 0x1d, 0x1d), new Color(0x1d, 0x4d, 0x2a),
            new Color(0x33, 0x33, 0x33), new Color(0x4a, 0x1d, 0x5e)};

    /**
     * The digits as one distorted shape: each glyph's outline turned, sheared and shifted on its own, the whole line
     * bent by two waves, with curves through it and specks around it; dark ink on a light ground for contrast.
     */
    static byte[] draw(String text, Random rnd) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setPaint(new GradientPaint(0, 0, light(rnd), WIDTH, HEIGHT, light(rnd)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            // faint clutter behind the text
            for (int i = 0; i < 14; i++) {
                g.setColor(new Color(170 + rnd.nextInt(60), 170 + rnd.nextInt(60), 170 + rnd.nextInt(60)));
                g.setStroke(new BasicStroke(1 + rnd.nextFloat() * 2));
                g.drawOval(rnd.nextInt(WIDTH) - 40, rnd.nextInt(HEIGHT) - 40, 30 + rnd.nextInt(90), 30 + rnd.nextInt(90));
            }
            Color ink = INKS[rnd.nextInt(INKS.length)];
            FontRenderContext frc = g.getFontRenderContext();
            Path2D.Double line = new Path2D.Double();
            double slot = (WIDTH - 60.0) / text.length();
            for (int i = 0; i < text.length(); i++) {
                Font font = new Font(FONTS[rnd.nextInt(FONTS.length)], Font.BOLD, 92 + rnd.nextInt(16));
                Shape glyph = font.createGlyphVector(frc, text.substring(i, i + 1)).getOutline();
                Rectangle2D b = glyph.getBounds2D();
                AffineTransform t = new AffineTransform();
                t.translate(30 + slot * (i + 0.5) + (rnd.nextDouble() - 0.5) * 12,
                        HEIGHT / 2.0 + (rnd.nextDouble() - 0.5) * 18);
                t.rotate((rnd.nextDouble() - 0.5) * 0.6);
                t.shear((rnd.nextDouble() - 0.5) * 0.4, 0);
                t.scale(0.9 + rnd.nextDouble() * 0.2, 0.9 + rnd.nextDouble() * 0.2);
                t.translate(-b.getCenterX(), -b.getCenterY());
                line.append(t.createTransformedShape(glyph), false);
            }
            g.setColor(ink);
            g.fill(warp(line, rnd));
            // curves through the digits, in the ink's colour, and light cuts across them
            g.setStroke(new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int i = 0; i < 2; i++) g.draw(curve(rnd));
            g.setColor(new Color(255, 255, 255, 200));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(curve(rnd));
            for (int i = 0; i < 260; i++) {
                g.setColor(rnd.nextBoolean() ? ink : new Color(90 + rnd.nextInt(120), 90 + rnd.nextInt(120), 90 + rnd.nextInt(120)));
                int r = 1 + rnd.nextInt(3);
                g.fillOval(rnd.nextInt(WIDTH), rnd.nextInt(HEIGHT), r, r);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Color light(Random rnd) {
        return new Color(225 + rnd.nextInt(31), 225 + rnd.nextInt(31), 225 + rnd.nextInt(31));
    }

    private static Shape curve(Random rnd) {
        return new CubicCurve2D.Double(0, 20 + rnd.nextInt(HEIGHT - 40), WIDTH * 0.33, rnd.nextInt(HEIGHT),
                WIDTH * 0.66, rnd.nextInt(HEIGHT), WIDTH, 20 + rnd.nextInt(HEIGHT - 40));
    }

    /** Bends a shape by two sine waves (across and along), point by point of its flattened outline. */
    private static Shape warp(Shape s, Random rnd) {
        double ax = 4 + rnd.nextDouble() * 3, px = 18 + rnd.nextDouble() * 10, fx = rnd.nextDouble() * Math.PI * 2;
        double ay = 5 + rnd.nextDouble() * 4, py = 40 + rnd.nextDouble() * 20, fy = rnd.nextDouble() * Math.PI * 2;
        Path2D.Double out = new Path2D.Double(Path2D.WIND_NON_ZERO);
        double[] c = new double[6];
        for (PathIterator it = s.getPathIterator(null, 0.4); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            double x = c[0] + ax * Math.sin(c[1] / px + fx);
            double y = c[1] + ay * Math.sin(c[0] / py + fy);
            switch (type) {
                case PathIterator.SEG_MOVETO -> out.moveTo(x, y);
                case PathIterator.SEG_LINETO -> out.lineTo(x, y);
                case PathIterator.SEG_CLOSE -> out.closePath();
                default -> { }
            }
        }
        return out;
    }
}
