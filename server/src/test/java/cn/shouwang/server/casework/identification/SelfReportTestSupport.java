package cn.shouwang.server.casework.identification;

import jakarta.servlet.http.HttpSession;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * What a person reads in the self-report page's picture, for tests: the answer of the session's current challenge.
 * The server never writes it anywhere a client can read; tests take it from the session on the server side.
 */
public final class SelfReportTestSupport {
    private SelfReportTestSupport() {}

    /** Where the session keeps the picture's challenge. */
    public static final String CAPTCHA_SESSION_KEY = SelfReportCaptcha.SESSION_KEY;

    /** An answer that is wrong: the right one with its first digit changed. */
    public static String wrong(String answer) {
        char c = answer.charAt(0) == '2' ? '3' : '2';
        return c + answer.substring(1);
    }

    public static String answer(HttpSession session) {
        Object c = session.getAttribute(SelfReportCaptcha.SESSION_KEY);
        if (!(c instanceof SelfReportCaptcha.Challenge challenge)) throw new IllegalStateException("no challenge in the session");
        return challenge.answer();
    }

    /** The answer in a real browser's session, found in the running Tomcat by the browser's session cookie. */
    public static String answer(ApplicationContext context, String sessionId) throws java.io.IOException {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
        Context webapp = (Context) server.getTomcat().getHost().findChildren()[0];
        Session s = webapp.getManager().findSession(sessionId);
        if (s == null) throw new IllegalStateException("no such session");
        return answer(s.getSession());
    }
}
