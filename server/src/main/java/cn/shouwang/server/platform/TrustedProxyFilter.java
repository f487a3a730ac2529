package cn.shouwang.server.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Behind a reverse proxy (nginx with TLS, docs/operations.md) the direct peer is the proxy: the client's address and
 * whether it came over HTTPS are in the proxy's {@code X-Forwarded-For} and {@code X-Forwarded-Proto}. They are
 * believed only when the peer is one of {@code shouwang.proxy.trusted} (addresses or CIDRs; default none): anyone can
 * send such headers, and a believed lie would let a guesser escape the sign-in throttle or the self-report limit and
 * write a false address into the audit log. From a trusted peer the client is the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy; {@code X-Forwarded-Proto: https} makes the request
 * secure (the session cookie gets {@code Secure}, the answer HSTS). Runs first, so the sign-in throttle, the
 * self-report limit, the audit log and the session cookie all see the same request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class TrustedProxyFilter extends OncePerRequestFilter {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** An address range: the first {@code bits} bits of {@code network}. */
    record Cidr(BigInteger network, int bits, int length) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length * 8 != length) return false;
            int shift = length - bits;
            return new BigInteger(1, b).shiftRight(shift).equals(network.shiftRight(shift));
        }
    }

    private volatile List<Cidr> trusted;

    TrustedProxyFilter(@Value("${shouwang.proxy.trusted:}") String trusted) {
        this.trusted = parse(trusted);
    }

    /** The trusted proxies from a comma-separated list of addresses and CIDRs; a wrong entry stops the start. */
    static List<Cidr> parse(@Nullable String list) {
        List<Cidr> out = new ArrayList<>();
        if (list == null) return out;
        for (String part : list.split("[,\\s]+")) {
            if (part.isBlank()) continue;
            String[] p = part.strip().split("/", 2);
            InetAddress a = literal(p[0]);
            if (a == null) throw new IllegalArgumentException("shouwang.proxy.trusted: not an address or CIDR: " + part);
            int length = a.getAddress().length * 8;
            int bits = p.length == 2 ? Integer.parseInt(p[1]) : length;
            if (bits < 0 || bits > length) throw new IllegalArgumentException("shouwang.proxy.trusted: bad prefix: " + part);
            out.add(new Cidr(new BigInteger(1, a.getAddress()), bits, length));
        }
        return List.copyOf(out);
    }

    /** Tests: the trusted proxies of the running server, until {@link #trust} is called again. */
    public void trust(String list) {
        this.trusted = parse(list);
    }

    /** An IP address written as one, never a name (no DNS lookup for what a header says). */
    static @Nullable InetAddress literal(@Nullable String s) {
        if (s == null) return null;
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        boolean v4 = IPV4.matcher(t).matches();
        if (!v4 && !(t.contains(":") && IPV6.matcher(t).matches())) return null;
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean isTrusted(@Nullable String address) {
        InetAddress a = literal(address);
        if (a == null) return false;
        for (Cidr c : trusted) if (c.contains(a)) return true;
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (trusted.isEmpty() || !isTrusted(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new Forwarded(request, client(request), proto(request), port(request)), response);
    }

    /** The right-most address of X-Forwarded-For that is not a trusted proxy; the peer when there is none. */
    private String client(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (java.util.Enumeration<String> e = request.getHeaders("X-Forwarded-For"); e.hasMoreElements(); ) {
            for (String h : e.nextElement().split(",")) if (!h.isBlank()) hops.add(h.strip());
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress a = literal(hops.get(i));
            if (a == null) break; // garbage: nothing to its left can be trusted either
            if (!isTrusted(hops.get(i))) return a.getHostAddress();
        }
        return request.getRemoteAddr();
    }

    private static @Nullable String proto(HttpServletRequest request) {
        String p = request.getHeader("X-Forwarded-Proto");
        if (p == null) return null;
        p = p.split(",")[0].strip().toLowerCase(Locale.ROOT);
        return p.equals("https") || p.equals("http") ? p : null;
    }

    private static int port(HttpServletRequest request) {
        String p = request.getHeader("X-Forwarded-Port");
        if (p != null && p.strip().matches("\\d{1,5}")) return Integer.parseInt(p.strip());
        String proto = proto(request);
        return proto == null ? request.getServerPort() : proto.equals("https") ? 443 : 80;
    }

    /** The request as the client sent it to the proxy. */
    private static final class Forwarded extends HttpServletRequestWrapper {
        private final String client;
        private final @Nullable String proto;
        private final int port;

        Forwarded(HttpServletRequest request, String client, @Nullable String proto, int port) {
            super(request);
            this.client = client;
            this.proto = proto;
            this.port = port;
        }

        @Override public String getRemoteAddr() { return client; }
        @Override public String getRemoteHost() { return client; }
        @Override public boolean isSecure() { return proto == null ? super.isSecure() : proto.equals("https"); }
        @Override public String getScheme() { return proto == null ? super.getScheme() : proto; }
        @Override public int getServerPort() { return port; }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
            boolean defaultPort = getScheme().equals("https") ? port == 443 : port == 80;
            if (!defaultPort) url.append(':').append(port);
            return url.append(getRequestURI());
        }
    }
}
