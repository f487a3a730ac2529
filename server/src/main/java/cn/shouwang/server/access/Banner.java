package cn.shouwang.server.access;

/** A framed block of lines for the console, so that what a person must read stands out from log lines. */
final class Banner {
    private Banner() {}

    static String box(String... lines) {
        String rule = "=".repeat(78);
        StringBuilder sb = new StringBuilder("\n").append(rule).append('\n');
        for (String l : lines) sb.append("  ").append(l).append('\n');
        return sb.append(rule).append('\n').toString();
    }
}
