package cn.shouwang.core.area;

/** The five levels of 统计用区划代码; {@code depth} 1 is the province. */
public enum AreaLevel {
    PROVINCE(1, "省"), CITY(2, "市"), COUNTY(3, "县"), TOWNSHIP(4, "乡镇"), VILLAGE(5, "村");

    private final int depth;
    private final String chinese;

    AreaLevel(int depth, String chinese) {
        this.depth = depth;
        this.chinese = chinese;
    }

    public int depth() { return depth; }
    public String chinese() { return chinese; }

    public static AreaLevel ofDepth(int depth) {
        for (AreaLevel l : values()) if (l.depth == depth) return l;
        throw new IllegalArgumentException("area depth " + depth);
    }

    /** Reads the words used in the division files: province, city, county, township, village. */
    public static AreaLevel ofWord(String word) {
        return valueOf(word.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
