package cn.shouwang.server.casework;

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
