package cn.shouwang.server.casework.shared;

/** Lets a template turn codes into names: {@code ${names.of(code)}}. */
public record AreaNamesView(java.util.function.Function<String, String> f) {
    public String of(String code) {
        return f.apply(code);
    }
}
