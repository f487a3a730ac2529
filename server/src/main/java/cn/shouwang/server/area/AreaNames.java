package cn.shouwang.server.area;

/** The short form of a published name: 东晟社区居民委员会 → 东晟社区, 红嘴村村民委员会 → 红嘴村. */
final class AreaNames {
    private static final String[] SUFFIXES = {"村村民委员会", "村民委员会", "社区居民委员会", "居民委员会", "社区居委会", "村委会", "居委会"};

    private AreaNames() {}

    static String shortForm(String name) {
        for (String s : SUFFIXES) {
            if (name.endsWith(s) && name.length() > s.length()) {
                String stem = name.substring(0, name.length() - s.length());
                if (s.startsWith("村")) return stem + "村";
                if (s.startsWith("社区")) return stem + "社区";
                if (s.equals("居民委员会") || s.equals("居委会")) return stem.endsWith("社区") ? stem : stem + "社区";
                return stem.endsWith("村") ? stem : stem + "村";
            }
        }
        return name;
    }
}
