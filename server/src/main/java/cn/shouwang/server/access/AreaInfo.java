package cn.shouwang.server.access;

/** An area as the selector and the account pages show it: code, name, level (1 province … 5 village). */
public record AreaInfo(String code, String name, int level) {}
